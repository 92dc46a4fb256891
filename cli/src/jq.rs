//! `--jq EXPR`: a jq filter over each value a command prints, run by jaq
//! (jq's language, its standard library included).

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{data, unwrap_valr, Compiler, Ctx, Vars};
use jaq_json::Val;
use serde::Deserialize;
use serde_json::Value;

use crate::error::{Failure, Outcome};

/// A compiled filter.
pub struct Jq {
    filter: jaq_core::Filter<data::JustLut<Val>>,
}

impl Jq {
    /// Compiles `code`; an error says where in it.
    pub fn compile(code: &str) -> Outcome<Jq> {
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs());
        let funs = jaq_core::funs()
            .chain(jaq_std::funs())
            .chain(jaq_json::funs());
        let loader = Loader::new(defs);
        let arena = Arena::default();
        let program = File { code, path: () };
        let invalid = |what: String| Failure::usage(format!("--jq {code:?}: {what}"));
        let modules = loader.load(&arena, program).map_err(|errors| {
            invalid(
                errors
                    .into_iter()
                    .map(|(_, error)| describe_load_error(code, &error))
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })?;
        let filter = Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|errors| {
                invalid(
                    errors
                        .into_iter()
                        .flat_map(|(_, undefined)| undefined)
                        .map(|(name, kind)| format!("undefined {} `{name}`", kind.as_str()))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })?;
        Ok(Jq { filter })
    }

    /// The filter's outputs for `input`.
    pub fn run(&self, input: &Value) -> Outcome<Vec<Value>> {
        let input = Val::deserialize(input)
            .map_err(|e| Failure::failed(format!("--jq: cannot read the input: {e}")))?;
        let ctx = Ctx::<data::JustLut<Val>>::new(&self.filter.lut, Vars::new([]));
        let mut outputs = Vec::new();
        for output in self.filter.id.run((ctx, input)).map(unwrap_valr) {
            let output = output.map_err(|e| Failure::failed(format!("--jq: {e}")))?;
            // jaq writes its values as JSON text, which serde reads back.
            let text = output.to_string();
            let value = serde_json::from_str(&text).map_err(|e| {
                Failure::failed(format!("--jq: an output is not JSON ({e}): {text}"))
            })?;
            outputs.push(value);
        }
        Ok(outputs)
    }
}

/// Where in `code` a lex or parse error is, and what was expected.
fn describe_load_error(code: &str, error: &jaq_core::load::Error<&str>) -> String {
    use jaq_core::load::Error;
    let at = |s: &str| {
        // The error's text is a slice of `code`: its offset is where.
        let offset = (s.as_ptr() as usize).saturating_sub(code.as_ptr() as usize);
        format!("column {}", offset.min(code.len()) + 1)
    };
    match error {
        Error::Io(errors) => errors
            .iter()
            .map(|(path, message)| format!("cannot load {path}: {message}"))
            .collect::<Vec<_>>()
            .join("; "),
        Error::Lex(errors) => errors
            .iter()
            .map(|(expect, found)| format!("{} at {}", expect.as_str(), at(found)))
            .collect::<Vec<_>>()
            .join("; "),
        Error::Parse(errors) => errors
            .iter()
            .map(|(expect, found)| format!("expected {} at {}", expect.as_str(), at(found)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}
