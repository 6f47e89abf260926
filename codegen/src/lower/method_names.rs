//! The names of the client's methods, as a person would write them: the
//! operationId, less the decoration a framework adds to it when what is left
//! is still a name no other operation has, or `x-rust-name` over anything.
//!
//! - FastAPI names an operation `{function}{path}_{method}`, each character
//!   of the path that is not a word character written `_`
//!   (`read_variable_variables__id__get` for `GET /variables/{id}`):
//!   the method is `read_variable`.
//! - NestJS (`@nestjs/swagger`) names it `{Controller}_{method}`
//!   (`UsersController_findAll`): the method is `find_all`.

use crate::shared::HashMap;

use crate::ident::{self, RustIdent};

/// The method name of every operation, by (path, method as sent), with a
/// note for each that is not its operationId as it is.
pub(super) struct MethodNames {
    names: HashMap<(String, String), (RustIdent, Option<String>)>,
}

/// What the naming reads of one operation.
pub(super) struct Named<'a> {
    pub path: &'a str,
    /// As sent (`GET`).
    pub method: &'a str,
    /// The operationId, or the name derived from method and path.
    pub id: &'a str,
    /// `x-rust-name`, when given.
    pub rust_name: Option<&'a str>,
}

impl MethodNames {
    pub(super) fn decide(ops: &[Named<'_>]) -> MethodNames {
        let shorter: Vec<Option<(RustIdent, &str)>> = ops.iter().map(undecorated).collect();
        // How many operations would be called each name: a short name is
        // taken only when it is nobody else's, short or not.
        let mut count: HashMap<RustIdent, usize> = HashMap::default();
        for (op, short) in ops.iter().zip(&shorter) {
            *count.entry(ident::snake(op.id)).or_default() += 1;
            if let Some((name, _)) = short
                && *name != ident::snake(op.id)
            {
                *count.entry(name.clone()).or_default() += 1;
            }
        }
        let mut names = HashMap::default();
        for (op, short) in ops.iter().zip(shorter) {
            let key = (op.path.to_string(), op.method.to_string());
            let chosen = match (op.rust_name, short) {
                (Some(given), _) => {
                    let name = ident::snake(given);
                    let note = format!("method `{}`: the operation's x-rust-name", name.plain());
                    (name, Some(note))
                }
                (None, Some((name, framework))) if count[&name] == 1 => {
                    let note = format!(
                        "method `{}`: the operationId `{}` less {framework}",
                        name.plain(),
                        op.id
                    );
                    (name, Some(note))
                }
                _ => (ident::snake(op.id), None),
            };
            names.insert(key, chosen);
        }
        MethodNames { names }
    }

    /// The snake_case name of the operation at `path` and `method`, and the
    /// note that says where it comes from when it is not the operationId.
    pub(super) fn of(&self, path: &str, method: &str) -> Option<&(RustIdent, Option<String>)> {
        self.names.get(&(path.to_string(), method.to_string()))
    }
}

/// The operationId without a framework's decoration, snake_case, and which
/// decoration it was.
fn undecorated(op: &Named<'_>) -> Option<(RustIdent, &'static str)> {
    fastapi(op.id, op.path, op.method)
        .map(|name| (name, "FastAPI's `_{path}_{method}` suffix"))
        .or_else(|| nestjs(op.id).map(|name| (name, "NestJS's `Controller_` prefix")))
        .filter(|(name, _)| !name.is_empty() && name.plain() != "_")
}

/// FastAPI's `generate_unique_id`: the function's name, then the path with
/// every non-word character as `_`, then `_` and the method in lower case.
fn fastapi(id: &str, path: &str, method: &str) -> Option<RustIdent> {
    let rest = id.strip_suffix(&format!("_{}", method.to_ascii_lowercase()))?;
    let path: String = path
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let function = rest.strip_suffix(&path)?;
    let function = function.trim_end_matches('_');
    (!function.is_empty()).then(|| ident::snake(function))
}

/// `@nestjs/swagger`: `{Controller class}_{method}`.
fn nestjs(id: &str) -> Option<RustIdent> {
    let (controller, method) = id.split_once('_')?;
    let is_controller = controller.len() > "Controller".len()
        && controller.ends_with("Controller")
        && controller.chars().all(|c| c.is_ascii_alphanumeric())
        && controller.starts_with(|c: char| c.is_ascii_uppercase());
    let is_method = !method.is_empty() && method.chars().all(|c| c.is_ascii_alphanumeric());
    (is_controller && is_method).then(|| ident::snake(method))
}

#[cfg(test)]
mod tests;
