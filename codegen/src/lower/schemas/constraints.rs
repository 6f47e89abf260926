//! Validation keywords of a schema, as the model's `Constraints`.

use super::*;

impl<'a> Lowerer<'a> {
    /// Validation keywords of a schema (and one level of array items).
    pub(crate) fn constraints(&self, schema: &Schema) -> Constraints {
        self.constraints_within(schema, 0)
    }

    /// [`Self::constraints`], through at most 32 wrapping `allOf`s (a
    /// wrapper may refer to itself).
    fn constraints_within(&self, schema: &Schema, depth: usize) -> Constraints {
        if let Some(wrapper) = ref_wrapper(schema) {
            let mut c = self
                .resolve(Sch::from(wrapper.member))
                .filter(|_| depth < 32)
                .map(|s| self.constraints_within(s, depth + 1))
                .unwrap_or_default();
            for extra in wrapper.annotations {
                c.narrow(self.constraints(extra));
            }
            return c;
        }
        let mut c = Constraints::default();
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                c.min_length = s.min_length.map(|v| v as u64);
                c.max_length = s.max_length.map(|v| v as u64);
                c.pattern = s.pattern.clone();
                c.format = match &s.format {
                    openapiv3::VariantOrUnknownOrEmpty::Item(f) => serde_json::to_value(f)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from)),
                    openapiv3::VariantOrUnknownOrEmpty::Unknown(f) => Some(f.clone()),
                    openapiv3::VariantOrUnknownOrEmpty::Empty => None,
                };
            }
            SchemaKind::Type(Type::Number(n)) => {
                c.minimum = n.minimum;
                c.maximum = n.maximum;
                c.exclusive_minimum = n.exclusive_minimum;
                c.exclusive_maximum = n.exclusive_maximum;
                c.multiple_of = n.multiple_of;
            }
            SchemaKind::Type(Type::Integer(i)) => {
                c.minimum = i.minimum.map(|v| v as f64);
                c.maximum = i.maximum.map(|v| v as f64);
                c.exclusive_minimum = i.exclusive_minimum;
                c.exclusive_maximum = i.exclusive_maximum;
                c.multiple_of = i.multiple_of.map(|v| v as f64);
            }
            SchemaKind::Type(Type::Array(a)) => {
                c.min_items = a.min_items.map(|v| v as u64);
                c.max_items = a.max_items.map(|v| v as u64);
                let items = a
                    .items
                    .as_ref()
                    .and_then(|i| self.resolve(Sch::from(i)))
                    .filter(|_| depth < 32);
                c.items = items
                    .map(|i| Box::new(self.constraints_within(i, depth + 1)))
                    .filter(|i| !i.is_empty());
            }
            SchemaKind::Any(any) => {
                c.min_length = any.min_length.map(|v| v as u64);
                c.max_length = any.max_length.map(|v| v as u64);
                c.pattern = any.pattern.clone();
                c.minimum = any.minimum;
                c.maximum = any.maximum;
                c.exclusive_minimum = any.exclusive_minimum.unwrap_or(false);
                c.exclusive_maximum = any.exclusive_maximum.unwrap_or(false);
                c.multiple_of = any.multiple_of;
                c.min_items = any.min_items.map(|v| v as u64);
                c.max_items = any.max_items.map(|v| v as u64);
            }
            _ => {}
        }
        c
    }
}

/// Leaves out the bounds a value's Rust type already holds: `minimum:
/// -2147483648, maximum: 2147483647` on an `i32` (as Microsoft Graph writes
/// on every `format: int32`), the 64-bit ones on an `i64`, through arrays
/// and nullable items. A check that always passes is code every user
/// compiles for nothing.
pub(crate) fn without_implied(mut c: Constraints, ty: &TypeRef) -> Constraints {
    let (lowest, highest) = match ty {
        TypeRef::I32 => (f64::from(i32::MIN), f64::from(i32::MAX)),
        // `as f64` rounds i64::MAX up to 2^63, as openapiv3's bound is.
        TypeRef::I64 => (i64::MIN as f64, i64::MAX as f64),
        TypeRef::Nullable(inner) => return without_implied(c, inner),
        TypeRef::Vec(inner) => {
            c.items = c
                .items
                .map(|items| Box::new(without_implied(*items, inner)))
                .filter(|items| !items.is_empty());
            return c;
        }
        _ => return c,
    };
    if c.minimum
        .is_some_and(|m| m < lowest || (m == lowest && !c.exclusive_minimum))
    {
        c.minimum = None;
        c.exclusive_minimum = false;
    }
    if c.maximum
        .is_some_and(|m| m > highest || (m == highest && !c.exclusive_maximum))
    {
        c.maximum = None;
        c.exclusive_maximum = false;
    }
    c
}

#[cfg(test)]
mod tests;
