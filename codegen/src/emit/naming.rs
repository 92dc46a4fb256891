//! Rust names for JSONModel types, properties and unions.

use std::collections::BTreeSet;

/// `note_multipart` → `NoteMultipart`; any character that cannot appear in
/// an identifier separates words.
pub fn pascal(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'X');
    }
    out
}

/// The singular of an English plural property name, for naming the type of
/// an array's items (`linked_agents` → `linked_agent`). Names that do not
/// look plural are returned unchanged.
pub fn singular(name: &str) -> String {
    // Words whose singular and plural are the same.
    if name.ends_with("series") || name.ends_with("status") {
        return name.to_owned();
    }
    if let Some(stem) = name.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if name.ends_with("ss") || name.ends_with("us") {
        return name.to_owned();
    }
    match name.strip_suffix('s') {
        Some(stem) if !stem.is_empty() => stem.to_owned(),
        _ => name.to_owned(),
    }
}

/// Names for the unions that appear in the v3/v4 schemas, keyed by their
/// sorted member list. A union's members are record types (for URI unions,
/// the record types a URI may point to) or primitive type words.
///
/// Unions are shared by every property with the same members, so they are
/// named after what they hold rather than after one of the places they
/// appear. Unions not listed here (from other releases or plugins) get a
/// name from [`fallback_union_name`].
const UNION_NAMES: &[(&str, &str)] = &[
    (
        "accession_parts_relationship accession_sibling_relationship",
        "AccessionRelationship",
    ),
    (
        "agent_relationship_associative agent_relationship_earlierlater agent_relationship_family \
         agent_relationship_hierarchical agent_relationship_identity agent_relationship_parentchild \
         agent_relationship_temporal",
        "AgentRelationship",
    ),
    (
        "agent_relationship_associative agent_relationship_earlierlater agent_relationship_family \
         agent_relationship_hierarchical agent_relationship_identity \
         agent_relationship_subordinatesuperior agent_relationship_temporal",
        "CorporateEntityRelationship",
    ),
    (
        "boolean_field_query boolean_query date_field_query field_query range_query",
        "QueryClause",
    ),
    (
        "note_abstract note_chronology note_citation note_definedlist note_orderedlist \
         note_outline note_text",
        "BioghistSubnote",
    ),
    ("note_bibliography note_digital_object", "DigitalObjectNote"),
    (
        "note_bibliography note_index note_multipart note_singlepart",
        "Note",
    ),
    (
        "note_bioghist note_general_context note_legal_status note_mandate \
         note_structure_or_genealogy",
        "AgentNote",
    ),
    ("note_chronology note_contact_note", "AgentContactNote"),
    (
        "note_chronology note_definedlist note_orderedlist note_text",
        "MultipartSubnote",
    ),
    ("note_citation note_text", "TextOrCitationNote"),
    (
        "note_definedlist note_orderedlist note_outline note_text",
        "StructuredSubnote",
    ),
    ("note_outline_level string", "OutlineItem"),
    ("archival_object resource", "ResourceOrArchivalObject"),
    (
        "accession agent_corporate_entity agent_family agent_person agent_software \
         archival_object digital_object digital_object_component resource top_container",
        "EventLinkTarget",
    ),
    (
        "accession archival_object digital_object resource",
        "AssessedRecord",
    ),
    ("accession digital_object resource", "CollectionRecord"),
    ("accession resource", "AccessionOrResource"),
    (
        "agent_corporate_entity agent_family agent_person",
        "RelatableAgent",
    ),
    (
        "agent_corporate_entity agent_family agent_person agent_software",
        "Agent",
    ),
    (
        "agent_corporate_entity agent_family agent_person agent_software container_profile \
         digital_object resource subject top_container",
        "MergeableRecord",
    ),
    ("agent_family agent_person", "PersonOrFamily"),
    ("agent_person agent_software", "PersonOrSoftware"),
    ("classification classification_term", "ClassificationOrTerm"),
    (
        "digital_object digital_object_component",
        "DigitalObjectOrComponent",
    ),
    ("integer string", "IntegerOrString"),
];

/// The name of the union with these members (sorted, deduplicated), from the
/// table of known unions.
pub fn known_union_name(members: &BTreeSet<String>) -> Option<&'static str> {
    let key = members
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    UNION_NAMES
        .iter()
        .find(|(k, _)| {
            // The table's keys are wrapped over several lines; compare words.
            k.split_whitespace().eq(key.split_whitespace())
        })
        .map(|(_, name)| *name)
}

/// A name for a union the table does not know: `AOrB` for two members,
/// otherwise the place it first appears (`{Owner}{Property}`).
pub fn fallback_union_name(members: &BTreeSet<String>, site: &str) -> String {
    let names: Vec<String> = members.iter().map(|m| pascal(m)).collect();
    match names.as_slice() {
        [a, b] => format!("{a}Or{b}"),
        _ => site.to_owned(),
    }
}

/// Variant names for a union's record members: their Pascal names without
/// the words all of them share at the start (`note_text`, `note_citation` →
/// `Text`, `Citation`), so that matches read `Note::Multipart(..)`.
pub fn variant_names(members: &[String]) -> Vec<String> {
    let words: Vec<Vec<&str>> = members.iter().map(|m| m.split('_').collect()).collect();
    let mut shared = 0;
    if let (Some(first), true) = (words.first(), members.len() > 1) {
        while let Some(word) = first.get(shared) {
            // Keep at least one word of every member.
            let all_share = words
                .iter()
                .all(|w| w.len() > shared + 1 && w[shared] == *word);
            if !all_share {
                break;
            }
            shared += 1;
        }
    }
    let names: Vec<String> = words
        .iter()
        .map(|w| pascal(&w[shared..].join("_")))
        .collect();
    let distinct: BTreeSet<&String> = names.iter().collect();
    let clash = distinct.len() != names.len() || names.iter().any(|n| n == "Other");
    if clash {
        members.iter().map(|m| pascal(m)).collect()
    } else {
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case() {
        assert_eq!(pascal("note_multipart"), "NoteMultipart");
        assert_eq!(pascal("agent_person"), "AgentPerson");
        assert_eq!(pascal("date-time"), "DateTime");
        assert_eq!(pascal("3d"), "X3d");
    }

    #[test]
    fn singular_names() {
        assert_eq!(singular("linked_agents"), "linked_agent");
        assert_eq!(singular("ancestries"), "ancestry");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("access"), "access");
        assert_eq!(singular("series"), "series");
    }

    #[test]
    fn variants_drop_shared_words() {
        let members = vec!["note_text".to_string(), "note_citation".to_string()];
        assert_eq!(variant_names(&members), ["Text", "Citation"]);
        let members = vec!["agent_person".to_string(), "accession".to_string()];
        assert_eq!(variant_names(&members), ["AgentPerson", "Accession"]);
        let members = vec!["note_outline_level".to_string()];
        assert_eq!(variant_names(&members), ["NoteOutlineLevel"]);
    }

    #[test]
    fn table_lookup_ignores_wrapping() {
        let members: BTreeSet<String> = ["note_text", "note_citation"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(known_union_name(&members), Some("TextOrCitationNote"));
    }
}
