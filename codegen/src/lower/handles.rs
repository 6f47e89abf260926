//! Type handles while lowering. A schema's type gets its [`TypeId`] when
//! its name is claimed, before it is made (a recursive schema refers to
//! itself while its fields are lowered), and the types are pushed as they
//! are finished, children first: so the ids handed out here are in order
//! of naming and the output's order is that of finishing. Once every type
//! is made, [`Handles::renumber`] turns each id into the type's place in
//! [`Api::types`], once, and reports the references that reach no type.

use crate::shared::HashMap;

use crate::model::{Api, TypeDef, TypeId, TypeRef};

#[derive(Default)]
pub(crate) struct Handles {
    /// The types in the order they are finished: the order of the output.
    pub types: Vec<TypeDef>,
    by_name: HashMap<String, TypeId>,
    /// By id: the type's name, and its place in `types` once pushed.
    names: Vec<String>,
    placed: Vec<Option<usize>>,
}

impl Handles {
    /// The id of the type named `name`, handed out on first use.
    pub fn id(&mut self, name: &str) -> TypeId {
        if let Some(id) = self.by_name.get(name) {
            return *id;
        }
        let id = TypeId::new(self.names.len());
        self.by_name.insert(name.to_string(), id);
        self.names.push(name.to_string());
        self.placed.push(None);
        id
    }

    /// A reference to the type named `name`.
    pub fn named(&mut self, name: &str) -> TypeRef {
        TypeRef::Named(self.id(name))
    }

    /// The name `id` was handed out for.
    pub fn name(&self, id: TypeId) -> &str {
        &self.names[id.index()]
    }

    /// A finished type.
    pub fn push(&mut self, def: TypeDef) {
        let id = self.id(&def.name);
        self.placed[id.index()] = Some(self.types.len());
        self.types.push(def);
    }

    /// The type `id` stands for, once finished.
    pub fn get(&self, id: TypeId) -> Option<&TypeDef> {
        let at = (*self.placed.get(id.index())?)?;
        self.types.get(at)
    }

    pub fn get_mut(&mut self, id: TypeId) -> Option<&mut TypeDef> {
        let at = (*self.placed.get(id.index())?)?;
        self.types.get_mut(at)
    }

    /// Renumbers every id in `api` (whose types are this table's) to the
    /// type's place in `api.types`. A reference to a name no type was
    /// made for (a cycle of `$ref`s that never reaches a schema) becomes
    /// `serde_json::Value` and is returned as (where it was met, the
    /// name), types first, then operations, then webhooks.
    pub fn renumber(&self, api: &mut Api) -> Vec<(String, String)> {
        let mut dangling = Vec::new();
        let mut fix = |ty: &mut TypeRef, origin: &str| {
            let Some(id) = ty.named_mut() else { return };
            match self.placed[id.index()] {
                Some(at) => *id = TypeId::new(at),
                None => {
                    dangling.push((origin.to_string(), self.names[id.index()].clone()));
                    *ty = TypeRef::Json;
                }
            }
        };
        for def in &mut api.types {
            let origin = def.origin.clone();
            let kind = &mut def.kind;
            // Aliases of fields are names the spec spells a type with; one
            // that was never made only loses the spelling.
            if let crate::model::TypeKind::Struct(s) = kind {
                for f in &mut s.fields {
                    f.alias = f
                        .alias
                        .and_then(|a| self.placed[a.index()].map(TypeId::new));
                }
            }
            kind.children_mut().for_each(|ty| fix(ty, &origin));
        }
        for op in &mut api.operations {
            let origin = format!("#/paths/{}", crate::diagnostics::pointer_segment(&op.path));
            op.type_refs_mut().for_each(|ty| fix(ty, &origin));
        }
        for w in &mut api.webhooks {
            let origin = format!(
                "#/webhooks/{}",
                crate::diagnostics::pointer_segment(&w.wire_name)
            );
            fix(&mut w.payload, &origin);
        }
        dangling
    }
}

#[cfg(test)]
mod tests;
