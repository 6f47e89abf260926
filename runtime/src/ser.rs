//! `Serialize` for generated structs, written out instead of derived, from
//! the same field list as their `Deserialize` ([`crate::__serde_struct`]):
//! each wire name is stated once. It writes what the derive with
//! `rename`, `skip_serializing_if` (absent optional fields) and `with`
//! (codecs) wrote: a struct of the fields present, in order; a struct that
//! keeps unknown properties is a map of its fields, then those.

/// A field that is left out of the object when absent: `Option::None`, or
/// [`Nullable::Absent`](crate::Nullable::Absent) (an explicit `null` is written).
pub trait Absent {
    fn is_absent(&self) -> bool;
}

impl<T> Absent for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T> Absent for crate::Nullable<T> {
    fn is_absent(&self) -> bool {
        crate::Nullable::is_absent(self)
    }
}

/// `Serialize` for a struct, from the list `__deserialize_struct!` takes;
/// see [`crate::__serde_struct`], which writes both.
///
/// ```
/// #[derive(Debug, PartialEq)]
/// struct Payout { id: String, amount: Option<rust_decimal::Decimal>, fee: i64 }
///
/// codegen_runtime::__serialize_struct! {
///     Payout {
///         id: "payoutId" required,
///         amount: "amount" optional via codegen_runtime::decimal,
///         fee: "fee" default(|| 0),
///     }
///     skip
/// }
///
/// let payout = Payout { id: "p1".into(), amount: None, fee: 3 };
/// assert_eq!(serde_json::to_string(&payout).unwrap(), r#"{"payoutId":"p1","fee":3}"#);
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __serialize_struct {
    (
        $name:ident {
            $($field:ident: $wire:literal $mode:ident $(($($default:tt)+))? $(via $($codec:ident)::+)?),* $(,)?
        }
        keep($extra:ident)
    ) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let len = 0 $(+ $crate::__serialize_struct!(@count self.$field; $mode))* + self.$extra.len();
                let mut map = serializer.serialize_map(::core::option::Option::Some(len))?;
                $(
                    if !$crate::__serialize_struct!(@absent self.$field; $mode) {
                        map.serialize_entry($wire, $crate::__serialize_struct!(@value self.$field; $(via $($codec)::+)?))?;
                    }
                )*
                for (key, value) in &self.$extra {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    };
    (
        $name:ident {
            $($field:ident: $wire:literal $mode:ident $(($($default:tt)+))? $(via $($codec:ident)::+)?),* $(,)?
        }
        $unknown:ident
    ) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeStruct as _;
                let len = 0 $(+ $crate::__serialize_struct!(@count self.$field; $mode))*;
                let mut state = serializer.serialize_struct(::core::stringify!($name), len)?;
                $(
                    if $crate::__serialize_struct!(@absent self.$field; $mode) {
                        state.skip_field($wire)?;
                    } else {
                        state.serialize_field($wire, $crate::__serialize_struct!(@value self.$field; $(via $($codec)::+)?))?;
                    }
                )*
                state.end()
            }
        }
    };
    (@absent $value:expr; optional) => {
        $crate::ser::Absent::is_absent(&$value)
    };
    (@absent $value:expr; $mode:ident) => {
        false
    };
    (@count $value:expr; optional) => {
        usize::from(!$crate::ser::Absent::is_absent(&$value))
    };
    (@count $value:expr; $mode:ident) => {
        1usize
    };
    (@value $value:expr; via $($codec:ident)::+) => {
        &$($codec)::+::encoded(&$value)
    };
    (@value $value:expr;) => {
        &$value
    };
}

/// `Deserialize` and `Serialize` for a struct from one list of its fields
/// (see [`crate::__deserialize_struct`] for the list): a generated struct
/// that requests carry states each wire name once.
#[doc(hidden)]
#[macro_export]
macro_rules! __serde_struct {
    ($name:ident { $($fields:tt)* } $unknown:ident $(($extra:ident))?) => {
        $crate::__deserialize_struct! { $name { $($fields)* } $unknown $(($extra))? }
        $crate::__serialize_struct! { $name { $($fields)* } $unknown $(($extra))? }
    };
}
