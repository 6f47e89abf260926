//! Tests of `write`.

use super::*;

fn files(pairs: &[(&str, &str)]) -> FileSet {
    pairs
        .iter()
        .map(|(p, c)| (PathBuf::from(p), c.to_string()))
        .collect()
}

/// A module printed in pieces, on any number of threads, is the module
/// printed whole.
#[test]
fn pieces_print_as_the_whole_module() {
    use quote::quote;
    let whole = quote! {
        #![allow(deprecated)]
        /// A client.
        pub struct Client;
        #[allow(clippy::too_many_arguments)]
        impl Client {
            pub fn new() -> Self { Client }
            /// One.
            pub fn one(&self, a: i32) -> i32 { if a > 0 { a } else { -a } }
            pub fn two(&self) -> Vec<String> { vec!["a".into(), "b".into()] }
            #[cfg(feature = "x")]
            pub fn three(&self) {}
        }
        pub trait Api: Send {
            fn one(&self);
            /// Two.
            fn two(&self) -> u8;
        }
        pub enum Outcome { A, B(String) }
        pub fn parse(body: &[u8]) -> usize { body.len() }
    };
    let expected = format_file(whole, "// header").unwrap();
    let pieces = || -> Vec<Piece<'_>> {
        vec![
            Piece::Items(Box::new(|| quote!(#![allow(deprecated)]))),
            Piece::Items(Box::new(|| {
                quote! {
                    /// A client.
                    pub struct Client;
                    #[allow(clippy::too_many_arguments)]
                    impl Client {
                        pub fn new() -> Self { Client }
                        /// One.
                        pub fn one(&self, a: i32) -> i32 { if a > 0 { a } else { -a } }
                        pub fn two(&self) -> Vec<String> { vec!["a".into(), "b".into()] }
                        #[cfg(feature = "x")]
                        pub fn three(&self) {}
                    }
                }
            })),
            Piece::Block {
                open: Box::new(|| {
                    quote!(
                        pub trait Api: Send {}
                    )
                }),
                parts: vec![
                    Box::new(|| {
                        quote!(
                            pub trait Api {
                                fn one(&self);
                            }
                        )
                    }),
                    Box::new(|| {
                        quote!(
                            pub trait Api {
                                /// Two.
                                fn two(&self) -> u8;
                            }
                        )
                    }),
                ],
            },
            Piece::Items(Box::new(|| {
                quote!(
                    pub enum Outcome {
                        A,
                        B(String),
                    }
                )
            })),
            Piece::Items(Box::new(|| {
                quote!(
                    pub fn parse(body: &[u8]) -> usize {
                        body.len()
                    }
                )
            })),
        ]
    };
    for threads in [1, 2, 5] {
        let printed = format_modules(
            vec![
                ("// header".into(), pieces()),
                ("// header".into(), pieces()),
            ],
            threads,
        )
        .unwrap();
        assert_eq!(
            printed,
            [expected.clone(), expected.clone()],
            "{threads} threads"
        );
    }
}

/// A block printed part by part is the block printed whole, whatever its
/// head (docs, attributes, generics, a `where` clause too long for one
/// line) and however its items fall into parts (none, an empty part).
#[test]
fn blocks_in_parts_print_as_whole_blocks() {
    use quote::quote;
    let whole = quote! {
        /// An API, as a trait: code that takes `impl Api` can be given [`Client`].
        #[cfg(feature = "full")]
        pub trait Api: Send + Sync {
            /// `GET /a`: see [`Client::a`].
            fn a<'a>(&'a self, id: &'a str) -> ACall<'a, Self> {
                ACall { client: self, args: (id,), params: Default::default(), options: Default::default() }
            }
            fn send_a(&self, id: &str, params: AParams, options: codegen_runtime::CallOptions) -> impl codegen_runtime::Answer<types::SomethingRatherLongToBreakTheLine, Error>;
            #[deprecated]
            fn b(&self);
        }
        #[allow(refining_impl_trait)]
        impl<'long_lifetime_name, SomeTypeParameter: Clone + Send + Sync + 'long_lifetime_name> Api for Wrapper<'long_lifetime_name, SomeTypeParameter>
        where
            SomeTypeParameter: std::fmt::Debug + PartialEq + Eq + std::hash::Hash + 'static,
        {
            fn b(&self) {}
        }
        pub trait Empty {}
        impl Empty for Client {}
    };
    let expected = format_file(whole, "// header").unwrap();
    let pieces = || -> Vec<Piece<'_>> {
        vec![
            Piece::Block {
                open: Box::new(|| {
                    quote! {
                        /// An API, as a trait: code that takes `impl Api` can be given [`Client`].
                        #[cfg(feature = "full")]
                        pub trait Api: Send + Sync {}
                    }
                }),
                parts: vec![
                    Box::new(|| {
                        quote! {
                            pub trait Api {
                                /// `GET /a`: see [`Client::a`].
                                fn a<'a>(&'a self, id: &'a str) -> ACall<'a, Self> {
                                    ACall { client: self, args: (id,), params: Default::default(), options: Default::default() }
                                }
                            }
                        }
                    }),
                    Box::new(|| {
                        quote!(
                            pub trait Api {}
                        )
                    }),
                    Box::new(|| {
                        quote! {
                            pub trait Api {
                                fn send_a(&self, id: &str, params: AParams, options: codegen_runtime::CallOptions) -> impl codegen_runtime::Answer<types::SomethingRatherLongToBreakTheLine, Error>;
                                #[deprecated]
                                fn b(&self);
                            }
                        }
                    }),
                ],
            },
            Piece::Block {
                open: Box::new(|| {
                    quote! {
                        #[allow(refining_impl_trait)]
                        impl<'long_lifetime_name, SomeTypeParameter: Clone + Send + Sync + 'long_lifetime_name> Api for Wrapper<'long_lifetime_name, SomeTypeParameter>
                        where
                            SomeTypeParameter: std::fmt::Debug + PartialEq + Eq + std::hash::Hash + 'static,
                        {}
                    }
                }),
                parts: vec![Box::new(|| quote!(impl Api for Client { fn b(&self) {} }))],
            },
            Piece::Block {
                open: Box::new(|| {
                    quote!(
                        pub trait Empty {}
                    )
                }),
                parts: vec![],
            },
            Piece::Block {
                open: Box::new(|| quote!(impl Empty for Client {})),
                parts: vec![Box::new(|| quote!(impl Empty for Client {}))],
            },
        ]
    };
    for threads in [1, 2] {
        let printed = format_modules(vec![("// header".into(), pieces())], threads).unwrap();
        assert_eq!(
            printed,
            std::slice::from_ref(&expected),
            "{threads} threads"
        );
    }
}

#[test]
fn a_piece_that_does_not_parse_is_an_error() {
    use quote::quote;
    let pieces = vec![Piece::Items(Box::new(|| quote!(pub fn)))];
    let err = format_modules(vec![("// h".into(), pieces)], 2).unwrap_err();
    assert!(err.contains("does not parse"), "{err}");
}

#[test]
fn writes_swap_and_keep_unchanged_files() {
    let root = std::env::temp_dir().join(format!("codegen-write-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let out = root.join("out");
    let v1 = files(&[
        ("Cargo.toml", "# @generated by codegen\n"),
        ("src/a.rs", "a"),
        ("src/b.rs", "b"),
    ]);
    write_tree(&out, &v1).unwrap();
    let before = fs::metadata(out.join("src/a.rs"))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let v2 = files(&[
        ("Cargo.toml", "# @generated by codegen\n"),
        ("src/a.rs", "a"),
        ("src/c.rs", "c"),
    ]);
    write_tree(&out, &v2).unwrap();
    assert_eq!(
        fs::metadata(out.join("src/a.rs"))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );
    assert!(!out.join("src/b.rs").exists());
    assert!(check(&out, &v2).unwrap().is_fresh());
    let stale = check(&out, &v1).unwrap();
    assert_eq!(stale.missing, [out.join("src/b.rs")]);
    assert_eq!(stale.extra, [out.join("src/c.rs")]);
    fs::remove_dir_all(&root).unwrap();
}

#[test]
fn refuses_to_replace_foreign_directories() {
    let root = std::env::temp_dir().join(format!("codegen-foreign-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join("precious.txt"), "keep").unwrap();
    assert!(write_tree(&root, &files(&[("Cargo.toml", "x")])).is_err());
    assert_eq!(
        fs::read_to_string(root.join("precious.txt")).unwrap(),
        "keep"
    );
    fs::remove_dir_all(&root).unwrap();
}

/// A block is continued only by parts of its own kind.
#[test]
fn a_block_continued_by_another_kind_is_an_error() {
    use quote::quote;
    let pieces = vec![Piece::Block {
        open: Box::new(|| {
            quote!(
                pub trait Api {}
            )
        }),
        parts: vec![Box::new(
            || quote!(impl Api for Client { fn one(&self) {} }),
        )],
    }];
    let err = format_modules(vec![("// h".into(), pieces)], 2).unwrap_err();
    assert!(err.contains("of another kind"), "{err}");
}
