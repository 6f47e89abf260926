use super::*;

fn shortest(pattern: &str) -> Option<String> {
    matching(pattern, 1)
}

#[test]
fn strings_match_their_patterns() {
    for (pattern, expected) in [
        (r"^-?\d{0,10}(?:\.\d{0,2})?$", "1"),
        (r"^[A-Z]{3}$", "AAA"),
        (r"^(GB|IE)\d{2}[A-Z]{4}$", "GB11AAAA"),
        (r"^\+?[0-9 ]{7,15}$", "1111111"),
        (r"[a-z0-9-]+", "a"),
        (r"^\+[1-9]\d{1,14}$", "+11"),
        (r"^\d{1,13}$|^\d{1,13}\.\d{1,5}$", "1"),
    ] {
        assert_eq!(shortest(pattern).as_deref(), Some(expected), "{pattern}");
        assert!(pattern_matches(pattern, expected), "{pattern}");
    }
    assert_eq!(shortest("(unclosed"), None);
}

#[test]
fn patterns_and_lengths_are_met_together() {
    for (pattern, min, max) in [
        (r"^[a-z0-9-]+$", 5, 10),
        (r"^\+[1-9]\d{1,14}$", 8, 16),
        (r"^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$", 15, 34),
        (r"^.{3,}$", 12, 20),
        (r"^(abc|[0-9]{6,8})$", 7, 7),
        (r"[A-Z]", 4, 4),
    ] {
        let c = Constraints {
            pattern: Some(pattern.into()),
            min_length: Some(min),
            max_length: Some(max),
            ..Constraints::default()
        };
        let made = string(&c);
        assert!(string_fits(&made, &c), "{pattern} {min}..{max}: {made:?}");
    }
    // A format's example is kept only where the pattern takes it.
    let c = Constraints {
        format: Some("email".into()),
        pattern: Some(r"^[a-z]+@bank\.example$".into()),
        ..Constraints::default()
    };
    assert_eq!(string(&c), "a@bank.example");
}

#[test]
fn examples_that_break_a_constraint_are_not_kept() {
    let phone = Constraints {
        pattern: Some(r"^\+[1-9]\d{1,14}$".into()),
        ..Constraints::default()
    };
    assert!(!string_fits("+1 (555) 010-9999", &phone));
    assert!(string_fits("+15550109999", &phone));
    let routing = Constraints {
        max_length: Some(9),
        ..Constraints::default()
    };
    assert!(!string_fits("1231231234556", &routing));
    let email = Constraints {
        format: Some("email".into()),
        ..Constraints::default()
    };
    assert!(!string_fits("not an address", &email));
    for (date, ok) in [
        ("2024-02-29", true),
        ("2023-02-29", false),
        ("2025-10-15T13:52:38.330Z", false),
    ] {
        assert_eq!(is_date(date), ok, "{date}");
    }
    for (time, ok) in [
        ("2025-10-15T13:52:38.330Z", true),
        ("2025-10-15T13:52:38+02:00", true),
        ("2025-10-15 13:52", false),
        ("2025-10-15", false),
    ] {
        assert_eq!(is_date_time(time), ok, "{time}");
    }
}

#[test]
fn examples_keep_what_fits_and_lose_what_does_not() {
    let spec = r##"{
          "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
          "paths": {"/users": {"post": {
            "requestBody": {"required": true, "content": {"application/json": {
              "schema": {"$ref": "#/components/schemas/User"}}}},
            "responses": {"204": {"description": "ok"}}}}},
          "components": {"schemas": {"User": {
            "type": "object",
            "required": ["name", "phone", "routing", "kind", "tags"],
            "properties": {
              "name": {"type": "string"},
              "phone": {"type": "string", "pattern": "^\\+[1-9]\\d{1,14}$"},
              "routing": {"type": "string", "maxLength": 9},
              "kind": {"type": "string", "enum": ["person", "company"]},
              "tags": {"type": "array", "minItems": 2, "items": {"type": "string", "minLength": 3}},
              "email": {"type": "string", "format": "email"}
            }}}}
        }"##;
    let doc = crate::load::load_str(std::path::Path::new("t.json"), spec.into()).unwrap();
    let api = crate::lower::lower(&doc, &crate::shared::Options::default()).api;
    let sampler = Sampler::new(&api);
    let user = api.types.iter().position(|t| t.name == "User").unwrap();
    let ty = TypeRef::Named(crate::model::TypeId::new(user));
    let example = json!({
        "name": "Jane", "phone": "+1 (555) 010-9999", "routing": "1231231234556",
        "kind": "robot", "tags": ["ab"], "email": "jane@example.com"
    });
    let fitted = sampler.fit(&example, &ty, &Constraints::default());
    assert_eq!(
        fitted,
        json!({
            "name": "Jane", "phone": "+11", "routing": "string",
            "kind": "person", "tags": ["string", "string"], "email": "jane@example.com"
        })
    );
    assert_eq!(sampler.fit(&fitted, &ty, &Constraints::default()), fitted);
    // A missing required field is made; a value of the wrong shape is replaced.
    let fitted = sampler.fit(&json!({"name": "Jane"}), &ty, &Constraints::default());
    assert_eq!(fitted["routing"], json!("string"));
    assert_eq!(
        sampler.fit(&json!("Jane"), &ty, &Constraints::default())["name"],
        json!("string")
    );
}

#[test]
fn samples_satisfy_their_constraints() {
    let c = Constraints {
        min_length: Some(10),
        max_length: Some(12),
        ..Constraints::default()
    };
    assert_eq!(string(&c).len(), 10);
    let c = Constraints {
        max_length: Some(3),
        ..Constraints::default()
    };
    assert_eq!(string(&c), "str");
    let c = Constraints {
        minimum: Some(5.0),
        exclusive_minimum: true,
        multiple_of: Some(5.0),
        ..Constraints::default()
    };
    assert_eq!(integer(&c), 10);
    let c = Constraints {
        maximum: Some(-3.0),
        ..Constraints::default()
    };
    assert_eq!(integer(&c), -3);
    let c = Constraints {
        maximum: Some(1.0),
        exclusive_maximum: true,
        ..Constraints::default()
    };
    assert_eq!(integer(&c), 0);
    let c = Constraints {
        minimum: Some(0.0),
        exclusive_minimum: true,
        multiple_of: Some(0.01),
        ..Constraints::default()
    };
    assert!(number(&c).as_f64().unwrap() > 0.0);
    let c = Constraints {
        maximum: Some(0.5),
        multiple_of: Some(0.25),
        ..Constraints::default()
    };
    assert!(in_range(number(&c).as_f64().unwrap(), &c));
    let c = Constraints {
        maximum: Some(1.0),
        ..Constraints::default()
    };
    assert!(in_range(number(&c).as_f64().unwrap(), &c));
    let c = Constraints {
        format: Some("email".into()),
        ..Constraints::default()
    };
    assert_eq!(string(&c), "contract@example.com");
}
