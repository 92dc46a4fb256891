//! Seeded, realistic archival objects for the fake server.
//!
//! Shaped after records returned by real ArchivesSpace backends (dates,
//! extents, notes, instances, agent and subject links), 2–3 KB each, with a
//! few non-ASCII characters so that encoding mistakes show.

use serde_json::{json, Value};

const REPO: i64 = 2;

const SERIES: [&str; 10] = [
    "Correspondence",
    "Minutes and agendas",
    "Photographs",
    "Annual reports",
    "Financial records",
    "Printed material",
    "Subject files",
    "Lecture notes",
    "Laboratory notebooks",
    "Press clippings",
];

const NAMES: [&str; 10] = [
    "Simon Flexner",
    "Florence Rena Sabin",
    "Anders Ångström",
    "Hans Müller",
    "Peyton Rous",
    "Rebecca Lancefield",
    "Karl Landsteiner",
    "José Martí Institute",
    "Oswald T. Avery",
    "Élise Dubois",
];

const WORDS: [&str; 24] = [
    "correspondence",
    "regarding",
    "appointments",
    "laboratory",
    "research",
    "funding",
    "trustees",
    "the",
    "institute",
    "reports",
    "drafts",
    "manuscripts",
    "with",
    "annotations",
    "colleagues",
    "abroad",
    "meetings",
    "of",
    "committee",
    "publications",
    "grants",
    "and",
    "travel",
    "expenses",
];

const EXTENT_TYPES: [&str; 4] = ["Cubic Feet", "folder(s)", "Linear Feet", "item(s)"];
const LEVELS: [&str; 3] = ["series", "file", "item"];

/// The archival object numbered `id`, generated from `seed` alone, so that
/// the same seed always yields the same record.
pub(crate) fn archival_object(seed: u64, id: i64, timestamp: &str) -> Value {
    let mut rng = fastrand::Rng::with_seed(seed ^ (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let series = SERIES[rng.usize(..SERIES.len())];
    let name = NAMES[rng.usize(..NAMES.len())];
    let title = format!("{series}, {name}");
    let begin = rng.i64(1880..1960);
    let end = begin + rng.i64(0..30);
    let bulk_begin = rng.i64(begin..=end);
    let expression = format!("{begin}–{end} (bulk {bulk_begin}–{end})");
    let resource = 1 + id % 7;
    let ref_id = hex(&mut rng, 32);
    let summary_words = 4 + rng.usize(..30);
    let summary = sentence(&mut rng, summary_words);
    let arrangement_words = 4 + rng.usize(..8);
    let arrangement = sentence(&mut rng, arrangement_words);
    let subject = 1 + rng.i64(0..40);
    let agent = 1 + rng.i64(0..60);
    let container = 1 + rng.i64(0..300);
    let audit = |v: Value| -> Value {
        let mut v = v;
        if let Value::Object(m) = &mut v {
            m.insert("lock_version".into(), json!(0));
            m.insert("created_by".into(), json!("admin"));
            m.insert("last_modified_by".into(), json!("admin"));
            m.insert("create_time".into(), json!(timestamp));
            m.insert("system_mtime".into(), json!(timestamp));
            m.insert("user_mtime".into(), json!(timestamp));
        }
        v
    };
    let mut notes = vec![json!({
        "jsonmodel_type": "note_multipart",
        "subnotes": [{"publish": true, "jsonmodel_type": "note_text", "content": summary}],
        "type": "scopecontent",
        "persistent_id": hex(&mut rng, 32),
        "label": "Summary:",
        "publish": true
    })];
    // Real components carry an arrangement note only now and then.
    if rng.bool() {
        notes.push(json!({
            "jsonmodel_type": "note_multipart",
            "subnotes": [{"publish": true, "jsonmodel_type": "note_text", "content": arrangement}],
            "type": "arrangement",
            "persistent_id": hex(&mut rng, 32),
            "label": "Arrangement:",
            "publish": true
        }));
    }
    json!({
        "lock_version": 0,
        "position": id % 50,
        "publish": rng.bool(),
        "ref_id": ref_id,
        "component_id": format!("{}.{}", resource, id),
        "title": title,
        "display_string": format!("{title}, {expression}"),
        "restrictions_apply": false,
        "created_by": "admin",
        "last_modified_by": "admin",
        "create_time": timestamp,
        "system_mtime": timestamp,
        "user_mtime": timestamp,
        "suppressed": false,
        "is_slug_auto": true,
        "level": LEVELS[rng.usize(..LEVELS.len())],
        "jsonmodel_type": "archival_object",
        "external_ids": [],
        "subjects": [{"ref": format!("/subjects/{subject}")}],
        "linked_events": [],
        "extents": [audit(json!({
            "number": format!("{}.{}", rng.u32(0..20), rng.u32(0..10)),
            "portion": "whole",
            "extent_type": EXTENT_TYPES[rng.usize(..EXTENT_TYPES.len())],
            "jsonmodel_type": "extent"
        }))],
        "lang_materials": [],
        "dates": [
            audit(json!({
                "expression": expression,
                "begin": begin.to_string(),
                "end": end.to_string(),
                "date_type": "inclusive",
                "label": "creation",
                "jsonmodel_type": "date"
            })),
            audit(json!({
                "expression": format!("{bulk_begin}-{end}"),
                "begin": bulk_begin.to_string(),
                "end": end.to_string(),
                "date_type": "bulk",
                "label": "creation",
                "jsonmodel_type": "date"
            }))
        ],
        "external_documents": [],
        "rights_statements": [],
        "linked_agents": [{
            "role": "creator",
            "relator": "cre",
            "terms": [],
            "is_primary": false,
            "ref": format!("/agents/people/{agent}")
        }],
        "ancestors": [{"ref": format!("/repositories/{REPO}/resources/{resource}"), "level": "collection"}],
        "instances": [audit(json!({
            "instance_type": "mixed_materials",
            "jsonmodel_type": "instance",
            "is_representative": false,
            "sub_container": {
                "jsonmodel_type": "sub_container",
                "top_container": {"ref": format!("/repositories/{REPO}/top_containers/{container}")},
                "type_2": "folder",
                "indicator_2": (1 + id % 40).to_string()
            }
        }))],
        "notes": notes,
        "uri": format!("/repositories/{REPO}/archival_objects/{id}"),
        "repository": {"ref": format!("/repositories/{REPO}")},
        "resource": {"ref": format!("/repositories/{REPO}/resources/{resource}")},
        "has_unpublished_ancestor": false
    })
}

fn hex(rng: &mut fastrand::Rng, len: usize) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    (0..len)
        .map(|_| char::from(DIGITS[rng.usize(..16)]))
        .collect()
}

fn sentence(rng: &mut fastrand::Rng, words: usize) -> String {
    let mut text = String::from("This file contains");
    for _ in 0..words {
        text.push(' ');
        text.push_str(WORDS[rng.usize(..WORDS.len())]);
    }
    text.push('.');
    text
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch, as ArchivesSpace
/// writes its timestamps.
pub(crate) fn iso8601(unix_seconds: u64) -> String {
    let days = i64::try_from(unix_seconds / 86_400).unwrap_or(0);
    let secs = unix_seconds % 86_400;
    // Days to civil date (proleptic Gregorian), after Howard Hinnant's
    // `civil_from_days`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_deterministic_and_realistic() {
        let a = archival_object(7, 12, "2024-01-01T00:00:00Z");
        let b = archival_object(7, 12, "2024-01-01T00:00:00Z");
        assert_eq!(a, b);
        let sizes: Vec<usize> = (1..300)
            .map(|id| {
                archival_object(7, id, "2024-01-01T00:00:00Z")
                    .to_string()
                    .len()
            })
            .collect();
        let (min, max) = (sizes.iter().min(), sizes.iter().max());
        assert!(
            min >= Some(&2000) && max <= Some(&3300),
            "{min:?}..{max:?} bytes"
        );
        assert_eq!(a["uri"], "/repositories/2/archival_objects/12");
    }

    #[test]
    fn timestamps() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(1_709_251_199), "2024-02-29T23:59:59Z");
    }
}
