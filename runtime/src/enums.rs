//! The impls of generated enums, written once here instead of in every
//! generated crate. An open enum's known values are variants, and a
//! catch-all keeps any value the server adds later, so decoding never
//! breaks on one; a closed enum is the one value a schema allows (a
//! `const`, an `enum` of one), and any other fails to decode.

/// The wire value (`as_str` or `value`), `Display`, `FromStr` (strings
/// only), `Deserialize` and, with `serialize` at the end, `Serialize` of
/// an open enum, from one list of its variants and their wire values.
///
/// ```
/// #[derive(Debug, PartialEq)]
/// pub enum Status { Active, Closed, Other(String) }
///
/// codegen_runtime::__open_enum! {
///     Status { Active = "active", Closed = "closed" } Other(String) serialize
/// }
///
/// assert_eq!("closed".parse::<Status>(), Ok(Status::Closed));
/// assert_eq!(Status::Active.to_string(), "active");
/// let later: Status = serde_json::from_str(r#""paused""#).unwrap();
/// assert_eq!(later, Status::Other("paused".into()));
/// assert_eq!(serde_json::to_string(&later).unwrap(), r#""paused""#);
///
/// #[derive(Debug, PartialEq)]
/// pub enum Level { Low, High, Other(i64) }
///
/// codegen_runtime::__open_enum! { Level { Low = -1, High = 5 } Other(i64) }
///
/// assert_eq!(serde_json::from_str::<Level>("-1").unwrap(), Level::Low);
/// assert_eq!(Level::Other(3).value(), 3);
///
/// // Values the schema writes as another JSON type than its `type`
/// // (`type: integer, enum: ["1", "2"]`): either form reads.
/// #[derive(Debug, PartialEq)]
/// pub enum Scope { One, Two, Other(i64) }
///
/// codegen_runtime::__open_enum! { Scope { One = 1, Two = 2 } Other(i64, loose) serialize }
///
/// assert_eq!(serde_json::from_str::<Scope>(r#""2""#).unwrap(), Scope::Two);
/// assert_eq!(serde_json::from_str::<Scope>("2").unwrap(), Scope::Two);
/// assert_eq!(serde_json::to_string(&Scope::Two).unwrap(), "2");
/// assert!(serde_json::from_str::<Scope>(r#""two""#).is_err());
///
/// #[derive(Debug, PartialEq)]
/// pub enum Code { Ten, Other(String) }
///
/// codegen_runtime::__open_enum! { Code { Ten = "10" } Other(String, loose) }
///
/// assert_eq!(serde_json::from_str::<Code>("10").unwrap(), Code::Ten);
/// assert_eq!(serde_json::from_str::<Code>("true").unwrap(), Code::Other("true".into()));
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __open_enum {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? } $other:ident(String) $($serialize:ident)?) => {
        $crate::__open_enum! { @string $name { $($variant = $wire),* } $other
            <::std::string::String as ::serde::Deserialize>::deserialize $(, $serialize)? }
    };
    // Values written as another JSON type than the schema's `type`: either
    // form reads (`10` or `"10"`).
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? } $other:ident(String, loose) $($serialize:ident)?) => {
        $crate::__open_enum! { @string $name { $($variant = $wire),* } $other
            $crate::de::loose_text $(, $serialize)? }
    };
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? } $other:ident(i64) $($serialize:ident)?) => {
        $crate::__open_enum! { @integer $name { $($variant = $wire),* } $other
            <i64 as ::serde::Deserialize>::deserialize $(, $serialize)? }
    };
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? } $other:ident(i64, loose) $($serialize:ident)?) => {
        $crate::__open_enum! { @integer $name { $($variant = $wire),* } $other
            $crate::de::loose_integer $(, $serialize)? }
    };
    (@string $name:ident { $($variant:ident = $wire:literal),* } $other:ident $read:expr $(, $serialize:ident)?) => {
        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$other(value) => value.as_str(),
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(match value {
                    $($wire => Self::$variant,)*
                    other => Self::$other(::std::string::ToString::to_string(other)),
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value = ($read)(deserializer)?;
                ::core::result::Result::Ok(match value.as_str() {
                    $($wire => Self::$variant,)*
                    _ => Self::$other(value),
                })
            }
        }

        $crate::__enum_wire! { $name String $($serialize)? }
    };
    (@integer $name:ident { $($variant:ident = $wire:literal),* } $other:ident $read:expr $(, $serialize:ident)?) => {
        impl $name {
            /// The value as it appears on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$other(value) => *value,
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value = ($read)(deserializer)?;
                ::core::result::Result::Ok(match value {
                    $($wire => Self::$variant,)*
                    other => Self::$other(other),
                })
            }
        }

        $crate::__enum_wire! { $name i64 $($serialize)? }
    };
}

/// The wire value (`as_str` or `value`), `Display`, `FromStr` (strings
/// only), `Deserialize` and, with `serialize` at the end, `Serialize` of a
/// closed enum: the one value a schema allows. Any other value is an
/// error, [`NotAllowed`](crate::NotAllowed), which tells the members of a
/// union apart; an integer's is given as text too, for that error.
///
/// ```
/// #[derive(Debug, Clone, Copy, PartialEq, Default)]
/// pub enum Kind { #[default] Card }
///
/// codegen_runtime::__closed_enum! { Kind { Card = "card" } String serialize }
///
/// assert_eq!(serde_json::from_str::<Kind>(r#""card""#).unwrap(), Kind::Card);
/// assert!(serde_json::from_str::<Kind>(r#""bank""#).is_err());
/// assert_eq!("bank".parse::<Kind>().unwrap_err().expected, "card");
/// assert_eq!(serde_json::to_string(&Kind::Card).unwrap(), r#""card""#);
///
/// #[derive(Debug, Clone, Copy, PartialEq, Default)]
/// pub enum Version { #[default] V2 }
///
/// codegen_runtime::__closed_enum! { Version { V2 = -2 } i64 "-2" }
///
/// assert_eq!(serde_json::from_str::<Version>("-2").unwrap(), Version::V2);
/// let wrong = serde_json::from_str::<Version>("3").unwrap_err().to_string();
/// assert!(wrong.contains(r#"the only value is "-2""#), "{wrong}");
/// assert_eq!(Version::V2.to_string(), "-2");
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __closed_enum {
    ($name:ident { $variant:ident = $wire:literal } String $($serialize:ident)?) => {
        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &'static str {
                $wire
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::NotAllowed;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                match value {
                    $wire => ::core::result::Result::Ok(Self::$variant),
                    other => ::core::result::Result::Err($crate::NotAllowed {
                        expected: $wire,
                        found: ::std::string::ToString::to_string(other),
                    }),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(
                    deserializer,
                )?;
                value.parse().map_err(::serde::de::Error::custom)
            }
        }

        $crate::__enum_wire! { $name String $($serialize)? }
    };
    ($name:ident { $variant:ident = $wire:literal } i64 $expected:literal $($serialize:ident)?) => {
        impl $name {
            /// The value as it appears on the wire.
            pub fn value(&self) -> i64 {
                $wire
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                match <i64 as ::serde::Deserialize>::deserialize(deserializer)? {
                    $wire => ::core::result::Result::Ok(Self::$variant),
                    other => ::core::result::Result::Err(::serde::de::Error::custom(
                        $crate::NotAllowed {
                            expected: $expected,
                            found: ::std::string::ToString::to_string(&other),
                        },
                    )),
                }
            }
        }

        $crate::__enum_wire! { $name i64 $($serialize)? }
    };
}

/// `Display` and, with `serialize`, `Serialize` of a generated enum, from
/// its wire value (`as_str()` for a `String`, `value()` for an `i64`):
/// what [`crate::__open_enum`] and [`crate::__closed_enum`] share.
#[doc(hidden)]
#[macro_export]
macro_rules! __enum_wire {
    ($name:ident String $($serialize:ident)?) => {
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        $($crate::__enum_wire! { @$serialize $name serialize_str as_str })?
    };
    ($name:ident i64 $($serialize:ident)?) => {
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, "{}", self.value())
            }
        }

        $($crate::__enum_wire! { @$serialize $name serialize_i64 value })?
    };
    (@serialize $name:ident $method:ident $accessor:ident) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.$method(self.$accessor())
            }
        }
    };
}
