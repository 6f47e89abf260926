//! Which payloads of a response or error enum go behind a `Box`.
//!
//! An enum is as large as its largest variant, so one 1 KiB answer next to
//! a `204 No Content` makes every value of the enum 1 KiB (clippy's
//! `large_enum_variant`). Sizes are estimated from the model (64-bit
//! layouts of the types `emit` writes, rounded up); the largest payloads
//! are boxed until the largest and second-largest variants differ by less
//! than [`LIMIT`], well inside clippy's 200 bytes.

use crate::model::{Api, MediaKind, Outcome, Role, TypeId, TypeKind, TypeRef};

/// The largest size difference left between an enum's two largest variants.
const LIMIT: usize = 128;
const WORD: usize = 8;

/// Marks the payloads to box in every operation's response and error enum.
pub fn box_large_outcomes(api: &mut Api) {
    let mut sizes = Sizes {
        api,
        known: vec![None; api.types.len()],
        visiting: Vec::new(),
    };
    let mut decisions = Vec::new();
    for (i, op) in sizes.api.operations.iter().enumerate() {
        let success: Vec<usize> = if op.response_enum.is_some() {
            op.success.iter().map(|o| sizes.payload(o)).collect()
        } else {
            Vec::new()
        };
        let errors: Vec<usize> = op.errors.iter().map(|o| sizes.payload(o)).collect();
        decisions.push((i, to_box(success), to_box(errors)));
    }
    for (i, success, errors) in decisions {
        let op = &mut api.operations[i];
        for j in success {
            op.success[j].boxed = true;
        }
        for j in errors {
            op.errors[j].boxed = true;
        }
    }
}

/// The variants to box so that the two largest differ by less than LIMIT.
fn to_box(mut sizes: Vec<usize>) -> Vec<usize> {
    let mut boxed = Vec::new();
    loop {
        let mut order: Vec<usize> = (0..sizes.len()).collect();
        order.sort_by(|a, b| sizes[*b].cmp(&sizes[*a]).then(a.cmp(b)));
        let [largest, second, ..] = order[..] else {
            return boxed;
        };
        if sizes[largest] <= WORD || sizes[largest] - sizes[second] < LIMIT {
            boxed.sort_unstable();
            return boxed;
        }
        sizes[largest] = WORD;
        boxed.push(largest);
    }
}

struct Sizes<'a> {
    api: &'a Api,
    /// By type id, the size once estimated.
    known: Vec<Option<usize>>,
    visiting: Vec<TypeId>,
}

impl Sizes<'_> {
    fn payload(&mut self, outcome: &Outcome) -> usize {
        match &outcome.body {
            Some((MediaKind::Json | MediaKind::Form | MediaKind::Multipart, ty)) => self.of(ty),
            Some((MediaKind::Text | MediaKind::Binary, _)) => 4 * WORD,
            _ => 0,
        }
    }

    /// The estimated size of a value of `ty`.
    fn of(&mut self, ty: &TypeRef) -> usize {
        match ty {
            TypeRef::Bool => 1,
            TypeRef::I32 | TypeRef::F32 | TypeRef::Date => 4,
            TypeRef::I64 | TypeRef::F64 => WORD,
            TypeRef::DateTime => 3 * WORD,
            TypeRef::Decimal | TypeRef::Uuid => 2 * WORD,
            TypeRef::String | TypeRef::Vec(_) | TypeRef::Map(_) => 3 * WORD,
            // Two optional strings and `Bytes`.
            TypeRef::File => 10 * WORD,
            // With serde_json's `preserve_order` an object is an IndexMap.
            TypeRef::Json => 9 * WORD,
            TypeRef::Nullable(inner) => self.optional(inner),
            TypeRef::Named(id) => self.named(*id),
        }
    }

    /// `Option<T>`: free where `T` has a niche, a word more otherwise.
    fn optional(&mut self, ty: &TypeRef) -> usize {
        let size = self.of(ty);
        match ty {
            TypeRef::String | TypeRef::Vec(_) | TypeRef::Map(_) => size,
            _ => size + WORD,
        }
    }

    fn named(&mut self, id: TypeId) -> usize {
        if let Some(Some(size)) = self.known.get(id.index()) {
            return *size;
        }
        let Some(def) = self.api.type_def(id) else {
            return WORD;
        };
        if self.visiting.contains(&id) {
            // Recursion is boxed already.
            return WORD;
        }
        self.visiting.push(id);
        let size = {
            let children = def.kind.children().map(|c| match c.role {
                _ if c.boxed() => WORD,
                Role::Field(f) if f.optional() || f.nullable => self.optional(c.ty),
                // A map.
                Role::Extra => 3 * WORD,
                _ => self.of(c.ty),
            });
            match &def.kind {
                // The catch-all holds a String.
                TypeKind::Enum(_) => 4 * WORD,
                // The largest member, and the discriminant.
                TypeKind::Union(_) => children.max().unwrap_or(0) + WORD,
                TypeKind::Struct(_) | TypeKind::Alias(_) => children.sum(),
            }
        };
        self.visiting.pop();
        self.known[id.index()] = Some(size);
        size
    }
}

#[cfg(test)]
mod tests;
