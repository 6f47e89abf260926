//! What the generated `Deserialize` impls of structs share.
//!
//! A generated struct reads its object field by field in one loop: the key
//! ([`Key`], borrowed from the input when it can be), then the value into
//! the field's slot ([`Fields::put`], or [`Fields::put_seed`] for a field
//! read through a codec such as [`crate::decimal`]); a field given twice is
//! an error, an unknown one is skipped. This is what `#[derive(Deserialize)]`
//! does for JSON, in a fraction of the code: every line of a generated
//! crate is compiled by every user, and a derived impl is several hundred.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

/// An object's key, borrowed from the input when it holds no escapes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(s) => s,
            Key::Owned(s) => s,
        }
    }

    pub fn into_owned(self) -> String {
        match self {
            Key::Borrowed(s) => s.to_string(),
            Key::Owned(s) => s,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(v))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads a field's value into its slot: [`MapAccess`] with the two steps a
/// generated impl takes per field.
pub trait Fields<'de>: MapAccess<'de> {
    /// The value of field `name` into `slot`; an error if it was given before.
    fn put<T: serde::Deserialize<'de>>(
        &mut self,
        slot: &mut Option<T>,
        name: &'static str,
    ) -> Result<(), Self::Error> {
        self.put_seed(slot, PhantomData, name)
    }

    /// [`Fields::put`] through a seed (a codec's [`crate::decimal::seed`]).
    fn put_seed<S: DeserializeSeed<'de>>(
        &mut self,
        slot: &mut Option<S::Value>,
        seed: S,
        name: &'static str,
    ) -> Result<(), Self::Error> {
        let value = self.next_value_seed(seed)?;
        if slot.replace(value).is_some() {
            return Err(de::Error::duplicate_field(name));
        }
        Ok(())
    }

    /// Reads past a value no field takes.
    fn skip(&mut self) -> Result<(), Self::Error> {
        self.next_value::<IgnoredAny>().map(|_| ())
    }
}

impl<'de, A: MapAccess<'de>> Fields<'de> for A {}

/// Writes a struct's `Deserialize` impl (see the module docs): its fields,
/// each with its name on the wire, `required`, `optional` or
/// `default(function)`, and `via` a codec module when it has one; then
/// what an unknown key does: `skip`, `deny`, or `keep(field)` into a map.
///
/// ```
/// #[derive(Debug, PartialEq)]
/// struct Payout { id: String, amount: Option<rust_decimal::Decimal>, fee: i64 }
///
/// codegen_runtime::__deserialize_struct! {
///     Payout {
///         id: "id" required,
///         amount: "amount" optional via codegen_runtime::decimal,
///         fee: "fee" default(|| 0),
///     }
///     skip
/// }
///
/// let payout: Payout = serde_json::from_str(r#"{"id": "p1", "amount": 10.50}"#).unwrap();
/// assert_eq!(payout.amount.unwrap().to_string(), "10.50");
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __deserialize_struct {
    (
        $name:ident {
            $($field:ident: $wire:literal $mode:ident $(($($default:tt)+))? $(via $($codec:ident)::+)?),* $(,)?
        }
        $unknown:ident $(($extra:ident))?
    ) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                struct __Visitor;
                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(::core::concat!("struct ", ::core::stringify!($name)))
                    }
                    // Each field's slot is a local named as the field (`foo`, `_1`).
                    #[allow(
                        clippy::disallowed_names,
                        clippy::just_underscores_and_digits,
                        clippy::many_single_char_names
                    )]
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> ::core::result::Result<$name, A::Error> {
                        #[allow(unused_imports)]
                        use $crate::de::Fields as _;
                        $(let mut $field = ::core::option::Option::None;)*
                        $(let mut $extra = ::std::collections::BTreeMap::new();)?
                        // One `?` per key, not one per field: each early return
                        // drops every slot, so a `?` per arm made the body's MIR
                        // grow with the square of the field count.
                        while let ::core::option::Option::Some(key) =
                            map.next_key::<$crate::de::Key<'de>>()?
                        {
                            match key.as_str() {
                                $($wire => $crate::__deserialize_struct!(@put map $field $wire $(via $($codec)::+)?),)*
                                _ => $crate::__deserialize_struct!(@unknown map key $unknown $(($extra))? [$($wire),*]),
                            }?;
                        }
                        ::core::result::Result::Ok($name {
                            $($field: $crate::__deserialize_struct!(@finish $field $wire $mode $(($($default)+))?),)*
                            $($extra,)?
                        })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    };
    (@put $map:ident $slot:ident $wire:literal via $($codec:ident)::+) => {
        $map.put_seed(&mut $slot, $($codec)::+::seed(), $wire)
    };
    (@put $map:ident $slot:ident $wire:literal) => {
        $map.put(&mut $slot, $wire)
    };
    (@unknown $map:ident $key:ident skip [$($wire:literal),*]) => {
        $map.skip()
    };
    (@unknown $map:ident $key:ident keep($extra:ident) [$($wire:literal),*]) => {
        $map.next_value().map(|value| {
            $extra.insert($key.into_owned(), value);
        })
    };
    (@unknown $map:ident $key:ident deny [$($wire:literal),*]) => {
        ::core::result::Result::Err(::serde::de::Error::unknown_field(
            $key.as_str(),
            &[$($wire),*],
        ))
    };
    // A plain `return`, not `required(..)?`: the `?` operator's trait
    // machinery (`Try`, `FromResidual` on `A::Error`) cost a quarter of
    // these impls' type and borrow checking (GitHub's crate, tag-repos).
    (@finish $slot:ident $wire:literal required) => {
        match $slot {
            ::core::option::Option::Some(value) => value,
            ::core::option::Option::None => {
                return ::core::result::Result::Err(::serde::de::Error::missing_field($wire));
            }
        }
    };
    (@finish $slot:ident $wire:literal optional) => {
        $slot.unwrap_or_default()
    };
    (@finish $slot:ident $wire:literal default($($default:tt)+)) => {
        $slot.unwrap_or_else($($default)+)
    };
}

/// The value of an open string enum whose schema writes its values as
/// another JSON type than its `type` (`type: string, enum: [10, 20]`): the
/// text of a string, a number or a flag, so `10` and `"10"` read alike. A
/// number is written as the generator wrote the schema's (serde_json's
/// text of it), so `2.0` reads as the value written `2.0`, `2` as `2`.
pub fn loose_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct Text;
    impl Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string, a number or a boolean")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            // Rust's own text of 2.0 is "2": not how the value was written.
            Ok(serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string()))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    deserializer.deserialize_any(Text)
}

/// The value of an open integer enum whose schema writes its values as
/// strings (`type: integer, enum: ["1", "2"]`): an integer, or a string
/// that holds one, so `2` and `"2"` read alike.
pub fn loose_integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    struct Integer;
    impl Visitor<'_> for Integer {
        type Value = i64;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an integer, or a string holding one")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
            v.parse()
                .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
        }
    }
    deserializer.deserialize_any(Integer)
}

/// One member of an untagged union, for [`untagged`]: the properties it
/// declares when it is an object that ignores others (`None` for any other
/// member), and how the value reads as it.
pub type Member<T> = (
    Option<&'static [&'static str]>,
    fn(&serde_json::Value) -> Result<T, serde_json::Error>,
);

/// Reads an untagged union (a oneOf without a discriminator) from `value`.
///
/// An object goes first to the members that declare the most of its keys:
/// a member that ignores unknown properties would otherwise take a value
/// meant for a later member and drop what it does not know (`{"src": "/a",
/// "override": true}` read as the member without `override`). Among
/// members that declare as many (none, for a value that is not an object),
/// the order is kept, and the first member that reads the value wins, as
/// with `#[serde(untagged)]`.
pub fn untagged<T>(
    value: &serde_json::Value,
    union: &'static str,
    members: &[Member<T>],
) -> Result<T, serde_json::Error> {
    // How many of the value's keys a member declares.
    let declared = |keys: &Option<&'static [&'static str]>| match (keys, value.as_object()) {
        (Some(keys), Some(object)) => object.keys().filter(|k| keys.contains(&k.as_str())).count(),
        _ => 0,
    };
    let mut order: Vec<(usize, &Member<T>)> = members.iter().map(|m| (declared(&m.0), m)).collect();
    order.sort_by_key(|(count, _)| std::cmp::Reverse(*count));
    order
        .into_iter()
        .find_map(|(_, (_, read))| read(value).ok())
        .ok_or_else(|| {
            de::Error::custom(format_args!(
                "data did not match any variant of untagged enum {union}"
            ))
        })
}

#[cfg(test)]
mod tests;
