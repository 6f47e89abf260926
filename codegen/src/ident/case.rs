//! snake_case and UpperCamelCase of ASCII text, as heck 0.5 writes them,
//! without heck's formatting machinery (a `write!` for every character):
//! naming a large document converts hundreds of thousands of distinct
//! names (Microsoft Graph: 36% of lower's instructions went to heck).
//! Text that is not ASCII goes to heck itself; the tests compare both on
//! generated text.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// `raw` in snake_case (`to_snake_case`).
pub(super) fn snake(raw: &str) -> String {
    if !raw.is_ascii() {
        return raw.to_snake_case();
    }
    let mut out = String::with_capacity(raw.len() + 4);
    words(raw, |word, first| {
        if !first {
            out.push('_');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    });
    out
}

/// `raw` in UpperCamelCase (`to_upper_camel_case`).
pub(super) fn camel(raw: &str) -> String {
    if !raw.is_ascii() {
        return raw.to_upper_camel_case();
    }
    let mut out = String::with_capacity(raw.len());
    words(raw, |word, _| {
        let mut chars = word.chars();
        out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        out.extend(chars.map(|c| c.to_ascii_lowercase()));
    });
    out
}

/// The words of ASCII `text` in order, each with whether it is the first:
/// heck's `transform`. Words are split at anything not alphanumeric, after
/// a lowercase letter (or a digit after one) followed by an uppercase
/// one, and before the last of several uppercase letters followed by a
/// lowercase one (`HTTPServer`: `HTTP`, `Server`).
fn words(text: &str, mut word: impl FnMut(&str, bool)) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lower,
        Upper,
    }
    let mut first = true;
    for part in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = part.as_bytes();
        let mut init = 0;
        let mut mode = Mode::Boundary;
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                word(&part[init..], first);
                first = false;
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lower
            } else if c.is_ascii_uppercase() {
                Mode::Upper
            } else {
                mode
            };
            if next_mode == Mode::Lower && next.is_ascii_uppercase() {
                word(&part[init..=i], first);
                first = false;
                init = i + 1;
                mode = Mode::Boundary;
            } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                word(&part[init..i], first);
                first = false;
                init = i;
                mode = Mode::Boundary;
            } else {
                mode = next_mode;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use heck::{ToSnakeCase, ToUpperCamelCase};
    use proptest::prelude::*;

    #[test]
    fn known_names() {
        for (raw, snake, camel) in [
            ("HTTPServer", "http_server", "HttpServer"),
            (
                "accessReviewDecision-id",
                "access_review_decision_id",
                "AccessReviewDecisionId",
            ),
            ("  $top ", "top", "Top"),
            ("v1Beta2", "v1_beta2", "V1Beta2"),
            ("ABC", "abc", "Abc"),
            ("a", "a", "A"),
            ("", "", ""),
            ("__", "", ""),
            ("x2Y", "x2_y", "X2Y"),
        ] {
            assert_eq!(super::snake(raw), snake, "{raw}");
            assert_eq!(super::camel(raw), camel, "{raw}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The same as heck on ASCII text of letters, digits and separators.
        #[test]
        fn as_heck_writes_them(raw in "[a-zA-Z0-9 _$.-]{0,24}") {
            prop_assert_eq!(super::snake(&raw), raw.to_snake_case());
            prop_assert_eq!(super::camel(&raw), raw.to_upper_camel_case());
        }

        /// Any text: heck's own answer where it is not ASCII.
        #[test]
        fn as_heck_writes_any(raw in any::<String>()) {
            prop_assert_eq!(super::snake(&raw), raw.to_snake_case());
            prop_assert_eq!(super::camel(&raw), raw.to_upper_camel_case());
        }
    }
}
