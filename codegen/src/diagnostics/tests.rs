//! Tests of `diagnostics`.

use super::*;

fn at(severity: Severity, line: usize, message: &str) -> Diagnostic {
    Diagnostic {
        severity,
        file: PathBuf::from("api.yaml"),
        position: Some((line, 3)),
        pointer: format!("#/paths/p{line}"),
        message: message.into(),
        excerpt: None,
    }
}

use proptest::strategy::Strategy;

proptest::proptest! {
    /// The sparse character index cuts the excerpt a dense one would,
    /// on lines of several index steps with multi-byte characters.
    #[test]
    fn an_excerpt_is_cut_where_the_characters_are(
        line in proptest::collection::vec(proptest::sample::select(vec!['a', 'é', '€', '𝄞', '\t']), 0..5000)
            .prop_map(|cs| cs.into_iter().collect::<String>()),
        col in 0usize..5100,
    ) {
        let chars: Vec<char> = line.chars().collect();
        let count = chars.len();
        let at = col.saturating_sub(1).min(count);
        let start = at.saturating_sub(50).min(count.saturating_sub(100));
        let end = (start + 100).min(count);
        let cut: String = chars[start..end]
            .iter()
            .map(|c| if c.is_control() { ' ' } else { *c })
            .collect();
        let (text, caret) = excerpt(&line, col);
        let dots = if start > 0 { "..." } else { "" };
        let tail = if end < count { "..." } else { "" };
        proptest::prop_assert_eq!(text, format!("{dots}{cut}{tail}"));
        proptest::prop_assert_eq!(caret, at - start + dots.len());
    }
}

#[test]
fn a_cause_repeated_is_shown_once_with_a_count_and_its_next_places() {
    let mut all: Vec<Diagnostic> = (1..=6)
        .map(|line| {
            at(
                Severity::Warning,
                line,
                "header parameter \"Accept\" is ignored",
            )
        })
        .collect();
    all.push(at(Severity::Warning, 9, "something else"));
    all.push(at(Severity::Note, 10, "list gets list_stream"));
    let text = render(&all, Verbosity::Normal);
    assert_eq!(
        text,
        "api.yaml:1:3: warning: #/paths/p1: header parameter \"Accept\" is ignored\n\
             \x20 = the same at 5 more places: 2:3 #/paths/p2, 3:3 #/paths/p3, 4:3 #/paths/p4, and 2 more (--verbose lists each)\n\
             api.yaml:9:3: warning: #/paths/p9: something else\n\
             note: 1 decision the generator took (paginators, media types it does not send, ...): --verbose lists it\n"
    );
    assert_eq!(render(&all, Verbosity::Quiet), "");
    assert_eq!(render(&all, Verbosity::Verbose).lines().count(), 8);
}

#[test]
fn long_lines_are_cut_around_the_column() {
    use super::excerpt;
    let line = "x".repeat(1_000_000);
    let (text, caret) = excerpt(&line, 592_574);
    assert!(text.len() <= 106 && text.starts_with("...") && text.ends_with("..."));
    assert_eq!(caret, 53);
    assert_eq!(excerpt("short", 3), ("short".to_string(), 2));
    assert_eq!(excerpt("", 9), (String::new(), 0));
}
