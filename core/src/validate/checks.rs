//! Placeholder until the port of `validations.rb` lands.
use super::{CheckContext, Finding, Level};

pub(crate) struct Check {
    pub name: &'static str,
    pub level: Level,
    pub run: fn(&serde_json::Map<String, serde_json::Value>, &dyn CheckContext) -> Vec<Finding>,
}

pub(crate) fn registered(_record_type: &str) -> &'static [Check] {
    &[]
}

pub(crate) const UNDECIDABLE: &[(&str, &str)] = &[];
