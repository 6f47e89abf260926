//! Serde helpers for a value type nested in `Option`, `Nullable`, `Vec` and
//! `BTreeMap` in any order, from one codec for the value itself. Used for
//! decimals (exact digits) and date-times (lenient offsets), which need
//! their own wire handling wherever they appear in a field's type.

/// Defines, in the calling module, a `Shape` trait implemented for the codec's
/// value type and every container of it, plus the `serialize`/`deserialize`
/// pair that `#[serde(with = "...")]` calls.
macro_rules! codec_shapes {
    ($value:ty, $ser:path, $de:path) => {
        /// A type built of the codec's values that its helpers (de)serialize.
        pub trait Shape: Sized {
            fn serialize_shape<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error>;
            fn deserialize_shape<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error>;
        }

        /// Serializes any supported shape (see the module docs).
        pub fn serialize<T: Shape, S: serde::Serializer>(
            value: &T,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            value.serialize_shape(serializer)
        }

        /// Deserializes any supported shape (see the module docs).
        pub fn deserialize<'de, T: Shape, D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<T, D::Error> {
            T::deserialize_shape(deserializer)
        }

        /// A value as the codec writes it, for a written-out `Serialize`
        /// (the generated structs' [`crate::__serialize_struct`]).
        pub fn encoded<T: Shape>(value: &T) -> Encoded<'_, T> {
            Encoded(value)
        }

        /// See [`encoded`].
        pub struct Encoded<'a, T>(&'a T);
        impl<T: Shape> serde::Serialize for Encoded<'_, T> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize_shape(serializer)
            }
        }

        /// Reads any supported shape where a seed is wanted (the generated
        /// `Deserialize` impls of structs: [`crate::de::Fields::put_seed`]).
        pub fn seed<T: Shape>() -> Seed<T> {
            Seed(std::marker::PhantomData)
        }

        /// See [`seed`].
        pub struct Seed<T>(std::marker::PhantomData<fn() -> T>);

        impl<'de, T: Shape> serde::de::DeserializeSeed<'de> for Seed<T> {
            type Value = T;
            fn deserialize<D: serde::Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<T, D::Error> {
                T::deserialize_shape(deserializer)
            }
        }

        struct De<T>(T);
        impl<'de, T: Shape> serde::Deserialize<'de> for De<T> {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                T::deserialize_shape(deserializer).map(De)
            }
        }

        impl Shape for $value {
            fn serialize_shape<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                $ser(self, serializer)
            }
            fn deserialize_shape<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                $de(deserializer)
            }
        }

        impl<T: Shape> Shape for Option<T> {
            fn serialize_shape<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                match self {
                    Some(v) => serializer.serialize_some(&Encoded(v)),
                    None => serializer.serialize_none(),
                }
            }
            fn deserialize_shape<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                Ok(<Option<De<T>> as serde::Deserialize>::deserialize(deserializer)?.map(|v| v.0))
            }
        }

        impl<T: Shape> Shape for $crate::Nullable<T> {
            fn serialize_shape<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                match self {
                    $crate::Nullable::Value(v) => serializer.serialize_some(&Encoded(v)),
                    _ => serializer.serialize_none(),
                }
            }
            fn deserialize_shape<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                Ok(
                    <Option<De<T>> as serde::Deserialize>::deserialize(deserializer)?
                        .map(|v| v.0)
                        .into(),
                )
            }
        }

        impl<T: Shape> Shape for Vec<T> {
            fn serialize_shape<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.iter().map(Encoded))
            }
            fn deserialize_shape<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                Ok(
                    <Vec<De<T>> as serde::Deserialize>::deserialize(deserializer)?
                        .into_iter()
                        .map(|v| v.0)
                        .collect(),
                )
            }
        }

        impl<T: Shape> Shape for std::collections::BTreeMap<String, T> {
            fn serialize_shape<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.collect_map(self.iter().map(|(k, v)| (k, Encoded(v))))
            }
            fn deserialize_shape<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                Ok(
                    <std::collections::BTreeMap<String, De<T>> as serde::Deserialize>::deserialize(
                        deserializer,
                    )?
                    .into_iter()
                    .map(|(k, v)| (k, v.0))
                    .collect(),
                )
            }
        }

        impl<T: Shape> Shape for Box<T> {
            fn serialize_shape<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                (**self).serialize_shape(serializer)
            }
            fn deserialize_shape<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                T::deserialize_shape(deserializer).map(Box::new)
            }
        }
    };
}

pub(crate) use codec_shapes;
