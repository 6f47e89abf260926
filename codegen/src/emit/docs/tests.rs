//! Tests of `emit/docs`.

use super::*;

fn md(text: &str) -> String {
    markdown(text)
}

#[test]
fn markdown_passes_through() {
    for text in [
        "Use `charge` with *care*, **always**.",
        "A `payment_intent`, snake_case_words and a_b.",
        "- one\n- two\n  - nested\n\n1. first\n2. second",
        "# Heading\n\nSee [the docs](https://example.com/docs) and <https://x.io>.",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "[x]: https://example.com\n\nSee [x].",
        "- [ ] open task\n- [x] done",
    ] {
        assert_eq!(md(text), text, "{text}");
    }
}

#[test]
fn what_would_run_or_break_is_neutralised() {
    assert_eq!(md("```js\nfoo()\n```"), "```text\nfoo()\n```");
    assert_eq!(md("~~~\nfoo()\n~~~"), "~~~text\nfoo()\n~~~");
    assert_eq!(
        md("Text.\n\n    let x = 1;\n\nMore."),
        "Text.\n\n```text\n    let x = 1;\n```\n\nMore."
    );
    assert_eq!(
        md("- item\n\n      code();\n"),
        "- item\n\n  ```text\n      code();\n  ```"
    );
    assert_eq!(
        md("A <TAG> and <b>bold</b>."),
        "A &lt;TAG&gt; and &lt;b&gt;bold&lt;/b&gt;."
    );
    assert_eq!(
        md("<div>\nblock\n</div>"),
        "&lt;div&gt;\nblock\n&lt;/div&gt;"
    );
    assert_eq!(md("See https://x.io/a."), "See <https://x.io/a>.");
    assert_eq!(md("(at https://x.io/a_(b))"), "(at <https://x.io/a_(b)>)");
    assert_eq!(
        md("Use [id] or [`Pet`] or items[0]."),
        "Use \\[id\\] or \\[`Pet`\\] or items\\[0\\]."
    );
    assert_eq!(
        md("See [here](Pet) and [there](https://x.io)."),
        "See \\[here\\](Pet) and [there](https://x.io)."
    );
    assert_eq!(
        md("[link](https://x.io/https://y.io)"),
        "[link](https://x.io/https://y.io)"
    );
    assert_eq!(md("`[not a link]` and `<b>`"), "`[not a link]` and `<b>`");
    // What an escaped HTML block hid is read again.
    assert_eq!(
        md("x\n<!-- c --> items[0]"),
        "x\n&lt;!-- c --&gt; items\\[0\\]"
    );
}

#[test]
fn lazy_continuations_and_tabs_become_what_clippy_accepts() {
    assert_eq!(
        md("- This has a limit. If you need\nmore, use trees.\n- Next."),
        "- This has a limit. If you need\n  more, use trees.\n- Next."
    );
    assert_eq!(
        md(
            "- Size:\n  - Up to 100 MB: the `content` is empty\nand `encoding` is none.\n  - More: no."
        ),
        "- Size:\n  - Up to 100 MB: the `content` is empty\n    and `encoding` is none.\n  - More: no."
    );
    assert_eq!(md("10. ten\neleven"), "10. ten\n    eleven");
    assert_eq!(
        md("> [!NOTE]\n>    Both kinds of access.\nOthers will not see it."),
        "> \\[!NOTE\\]\n>    Both kinds of access.\n> Others will not see it."
    );
    assert_eq!(md("| a\t| b |\n|---|---|"), "| a    | b |\n|---|---|");
    // Indented enough, or a paragraph outside a list: as it is.
    for text in ["- a\n  b", "a\nb", "- a\n\n  b"] {
        assert_eq!(md(text), text, "{text}");
    }
}

#[test]
fn indentation_shared_by_every_line_is_not_code() {
    assert_eq!(
        md("    Indented as a whole\n    - with a list"),
        "Indented as a whole\n- with a list"
    );
}

#[test]
fn brackets_nested_in_brackets_are_escaped_once() {
    // Google's descriptions quote JSON with lists in lists.
    let text = r#"Example: { "configs": [ { "members": [ "user:jose@example.com" ] } ] }"#;
    assert_eq!(
        md(text),
        r#"Example: { "configs": \[ { "members": \[ "user:jose@example.com" \] } \] }"#
    );
}

#[test]
fn carriage_returns_and_control_characters_never_reach_a_comment() {
    assert_eq!(md("one\r\ntwo\rthree"), "one\ntwo\nthree");
    assert_eq!(
        md("bell\u{7} and\u{0} nul, next\u{2028}line"),
        "bell and nul, next\nline"
    );
    let docs = Docs {
        description: Some("Pays out.\r\rIn cents.".into()),
        ..Docs::default()
    };
    assert!(lines(&docs).iter().all(|l| !l.contains('\r')));
    // Text with nothing to change is kept as is; separators become breaks.
    assert_eq!(plain_lines("Prix en €\tnet\n"), "Prix en €\tnet\n");
    assert_eq!(plain_lines("a\u{2029}b\u{85}c"), "a\nb\nc");
}

#[test]
fn docs_join_summary_description_and_notes() {
    let docs = Docs {
        summary: Some("Short.".into()),
        description: Some("Long *text*.\n\n```\nx\n```".into()),
        notes: vec!["The same values as [`Other`].".into()],
        deprecated: false,
    };
    assert_eq!(
        lines(&docs),
        [
            " Short.",
            "",
            " Long *text*.",
            "",
            " ```text",
            " x",
            " ```",
            "",
            " The same values as [`Other`]."
        ]
    );
}

/// A text sanitized before is answered from memory: the same answer, kept
/// apart for the two kinds of sanitizing, and a long text the same either
/// way.
#[test]
fn remembered_texts_give_the_same_answer() {
    let text = "See [Order] and <b>this</b>.";
    let first = (sanitize(text, true), sanitize(text, false));
    assert_eq!(first.0, "See \\[Order\\] and &lt;b&gt;this&lt;/b&gt;.");
    assert_eq!(first.1, "See [Order] and &lt;b&gt;this&lt;/b&gt;.");
    assert_eq!((sanitize(text, true), sanitize(text, false)), first);
    let long = format!("{} <i>end</i>", "word ".repeat(200));
    assert_eq!(sanitize(&long, true), sanitize_uncached(&long, true));
    for i in 0..5_000 {
        assert_eq!(
            sanitize(&format!("Text {i} [x]."), true),
            format!("Text {i} \\[x\\].")
        );
    }
    assert_eq!(sanitize(text, true), first.0);
}

/// A doc line's literal reads back as the line, whatever quotes and `#`s
/// it holds, and prints as the comment the escaped literal printed.
#[test]
fn doc_literals_read_back_and_print_as_before() {
    let lines = [
        "",
        " plain",
        " \"quoted\"",
        " a \"# run and a \"### longer run\"##",
        " ends with a quote\"",
        " \"#",
        " back\\slash \\n not a break",
        " tab\there and unicode \u{2603} \u{200b}",
        "/ starts with a slash",
        " two\nlines",
        " a bare\rreturn",
    ];
    for line in lines {
        let lit = lit(line);
        let read: syn::LitStr = syn::parse2(quote!(#lit)).unwrap();
        assert_eq!(read.value(), line, "{lit}");
        let escaped = proc_macro2::Literal::string(line);
        let print = |l: proc_macro2::Literal| {
            crate::write::format_file(quote!(#[doc = #l] struct S;), "").unwrap()
        };
        assert_eq!(print(lit), print(escaped), "{line:?}");
    }
}

proptest::proptest! {
    #[test]
    fn any_doc_line_reads_back(line in "[ -~\u{a0}-\u{2fff}\"#\\\\\t]{0,40}") {
        let lit = lit(&line);
        let read: syn::LitStr = syn::parse2(quote!(#lit)).unwrap();
        proptest::prop_assert_eq!(read.value(), line);
    }
}
