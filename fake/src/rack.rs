//! Query-string parsing the way Rack (under Sinatra) does it for ArchivesSpace.

use std::collections::HashMap;

/// One parameter's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Param {
    /// `name=value`: a repeated bare key keeps only its last value.
    One(String),
    /// `name[]=a&name[]=b`: values accumulate.
    Many(Vec<String>),
}

/// Parses a raw query string (percent- and `+`-decoding included).
pub(crate) fn parse(query: &str) -> HashMap<String, Param> {
    let mut params: HashMap<String, Param> = HashMap::new();
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        if let Some(name) = key.strip_suffix("[]") {
            match params.get_mut(name) {
                Some(Param::Many(values)) => values.push(value.into_owned()),
                _ => {
                    params.insert(name.to_owned(), Param::Many(vec![value.into_owned()]));
                }
            }
        } else {
            params.insert(key.into_owned(), Param::One(value.into_owned()));
        }
    }
    params
}

/// Ruby's `Integer(s)` for the decimal strings a query carries.
pub(crate) fn integer(text: &str) -> Result<i64, String> {
    text.trim()
        .parse::<i64>()
        .map_err(|_| format!("invalid value for Integer(): {text:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_bare_key_wins_and_arrays_accumulate() {
        let params =
            parse("id_set=1&id_set=2&resolve[]=subjects&resolve%5B%5D=linked_agents&page=3");
        assert_eq!(params["id_set"], Param::One("2".into()));
        assert_eq!(
            params["resolve"],
            Param::Many(vec!["subjects".into(), "linked_agents".into()])
        );
        assert_eq!(params["page"], Param::One("3".into()));
        assert_eq!(parse("id_set=1%2C2")["id_set"], Param::One("1,2".into()));
    }
}
