//! Documents read from where they are served: a local HTTP server (a std
//! `TcpListener` thread) serves a document and the files it references;
//! references to another origin, and URLs inside files, are refused with
//! their location unless allowed; a slow, a too large, a missing and a
//! refused answer are errors naming the URL.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use codegen::load::fetch::{Fetcher, Url};

/// What the test server answers to a path.
#[derive(Clone)]
enum Answer {
    Ok(&'static str),
    Status(u16),
    Redirect(String),
    /// Headers, then nothing for this long.
    Stall(Duration),
    Bytes(Vec<u8>),
}

/// Serves `routes` on a free loopback port until the test process ends;
/// returns `http://127.0.0.1:PORT`.
fn serve(routes: Vec<(&'static str, Answer)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let routes = routes.clone();
            std::thread::spawn(move || answer(stream, &routes));
        }
    });
    base
}

fn answer(mut stream: TcpStream, routes: &[(&'static str, Answer)]) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
            break;
        }
    }
    let found = routes
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, a)| a.clone());
    let (status, extra, body): (u16, String, Vec<u8>) = match found {
        None => (404, String::new(), b"not found".to_vec()),
        Some(Answer::Ok(text)) => (200, String::new(), text.as_bytes().to_vec()),
        Some(Answer::Bytes(bytes)) => (200, String::new(), bytes),
        Some(Answer::Status(code)) => (code, String::new(), b"no".to_vec()),
        Some(Answer::Redirect(to)) => (302, format!("Location: {to}\r\n"), Vec::new()),
        Some(Answer::Stall(time)) => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{");
            std::thread::sleep(time);
            return;
        }
    };
    let head = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

const MAIN: &str = r#"{
  "openapi": "3.0.3",
  "info": {"title": "Served", "version": "1"},
  "servers": [{"url": "/api"}],
  "paths": {
    "/api/invoices/{id}": {
      "get": {
        "operationId": "getInvoice",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "schemas/invoice.yaml#/Invoice"}}}}}
      }
    }
  }
}"#;

const INVOICE: &str = "Invoice:
  type: object
  required: [id]
  properties:
    id: {type: string}
    amount: {$ref: '../money.yaml#/Money'}
";

const MONEY: &str = "Money: {type: integer, format: int64}\n";

fn generate(spec: &str, allow_remote_refs: bool) -> Result<codegen::GeneratedApi, String> {
    codegen::Config::new()
        .spec(spec)
        .allow_remote_refs(allow_remote_refs)
        .generate()
        .map(|mut apis| apis.remove(0))
        .map_err(|e| e.to_string())
}

#[test]
fn a_served_document_and_its_relative_references_generate() {
    let base = serve(vec![
        ("/api/openapi.json", Answer::Ok(MAIN)),
        ("/api/schemas/invoice.yaml", Answer::Ok(INVOICE)),
        ("/api/money.yaml", Answer::Ok(MONEY)),
    ]);
    let url = format!("{base}/api/openapi.json");
    let api = generate(&url, false).unwrap();
    assert_eq!(api.module, "openapi");
    assert_eq!(api.source, url);
    assert!(api.types.contains("pub struct Invoice"), "{}", api.types);
    assert!(
        api.types.contains("pub amount: Option<Money>"),
        "{}",
        api.types
    );
    assert!(api.types.contains("pub type Money = i64"), "{}", api.types);
    // The relative server is resolved against the document's URL.
    assert!(
        api.client.contains("pub fn served()"),
        "{}",
        &api.client[..2000]
    );
    assert!(api.client.contains(&format!("\"{base}/api\"")));
    assert!(
        api.warnings.iter().all(|w| !w.message.contains("relative")),
        "{:?}",
        api.warnings
    );
    // The same URL generates the same text.
    let again = generate(&url, false).unwrap();
    assert_eq!(api.client, again.client);
    assert_eq!(api.types, again.types);
}

#[test]
fn a_document_without_servers_gets_its_origin() {
    let doc = r#"{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {}}"#;
    let base = serve(vec![("/openapi.json", Answer::Ok(doc))]);
    let api = generate(&format!("{base}/openapi.json"), false).unwrap();
    assert!(api.client.contains("pub fn served()"));
    assert!(
        api.client
            .contains(&format!("ClientBuilder::new(\"{base}\")"))
    );
}

#[test]
fn a_reference_to_another_origin_is_refused_with_its_place_unless_allowed() {
    let other = serve(vec![("/money.yaml", Answer::Ok(MONEY))]);
    let main = MAIN.replace(
        "schemas/invoice.yaml#/Invoice",
        &format!("{other}/money.yaml#/Money"),
    );
    let main: &'static str = Box::leak(main.into_boxed_str());
    let base = serve(vec![("/api/openapi.json", Answer::Ok(main))]);
    let url = format!("{base}/api/openapi.json");
    let error = generate(&url, false).unwrap_err();
    assert!(error.contains("is on another origin"), "{error}");
    assert!(error.contains("--allow-remote-refs"), "{error}");
    // Where it is written: the file and pointer of the reference.
    assert!(error.starts_with(&url), "{error}");
    assert!(
        error.contains("/paths/~1api~1invoices~1{id}/get/responses/200"),
        "{error}"
    );
    let api = generate(&url, true).unwrap();
    assert!(api.types.contains("pub type Money = i64"), "{}", api.types);
}

#[test]
fn a_url_inside_a_file_is_refused_unless_allowed() {
    let other = serve(vec![("/money.yaml", Answer::Ok(MONEY))]);
    let dir = std::env::temp_dir().join(format!("codegen-fetch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("local.json");
    let text = MAIN.replace(
        "schemas/invoice.yaml#/Invoice",
        &format!("{other}/money.yaml#/Money"),
    );
    std::fs::write(&spec, text).unwrap();
    let spec = spec.display().to_string();
    let error = generate(&spec, false).unwrap_err();
    assert!(error.contains("read from a file"), "{error}");
    assert!(error.contains(&format!("{other}/money.yaml")), "{error}");
    assert!(generate(&spec, true).is_ok());
    // A relative server in a file: a constructor taking the origin.
    let api = generate(&spec, true).unwrap();
    assert!(api.client.contains("pub fn at_origin("), "{}", api.client);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_document_from_a_url_may_not_read_local_files() {
    let doc = MAIN.replace("schemas/invoice.yaml#/Invoice", "file:///etc/passwd#/X");
    let doc: &'static str = Box::leak(doc.into_boxed_str());
    let base = serve(vec![("/openapi.json", Answer::Ok(doc))]);
    let error = generate(&format!("{base}/openapi.json"), true).unwrap_err();
    assert!(
        error.contains("only http and https URLs are read"),
        "{error}"
    );
}

#[test]
fn slow_large_missing_and_refused_answers_are_errors_naming_the_url() {
    let base = serve(vec![
        ("/slow.json", Answer::Stall(Duration::from_secs(5))),
        ("/big.json", Answer::Bytes(vec![b' '; 4096])),
        ("/gone.json", Answer::Status(500)),
        ("/binary.json", Answer::Bytes(vec![b'{', 0xff, 0xfe, b'}'])),
        (
            "/away.json",
            Answer::Redirect("http://localhost:1/x.json".into()),
        ),
        ("/here.json", Answer::Redirect("/ok.json".into())),
        ("/ok.json", Answer::Ok("{}")),
    ]);
    let fetcher = Fetcher::new(Duration::from_millis(500), 1024);
    let get = |path: &str| fetcher.get(&Url::parse(&format!("{base}{path}")).unwrap());
    let started = std::time::Instant::now();
    let slow = get("/slow.json").unwrap_err();
    assert!(slow.contains("within 0.5 s"), "{slow}");
    assert!(started.elapsed() < Duration::from_secs(3));
    let big = get("/big.json").unwrap_err();
    assert!(big.contains("larger than 1024 bytes"), "{big}");
    let gone = get("/gone.json").unwrap_err();
    assert!(gone.contains("answered HTTP 500"), "{gone}");
    assert!(get("/nope.json").unwrap_err().contains("HTTP 404"));
    let binary = get("/binary.json").unwrap_err();
    assert!(binary.contains("not UTF-8"), "{binary}");
    let away = get("/away.json").unwrap_err();
    assert!(away.contains("on another origin"), "{away}");
    let (at, text) = get("/here.json").unwrap();
    assert_eq!(
        (at.to_string(), text.as_str()),
        (format!("{base}/ok.json"), "{}")
    );
    // Nothing listens on port 1.
    let refused = Fetcher::default()
        .get(&Url::parse("http://127.0.0.1:1/openapi.json").unwrap())
        .unwrap_err();
    assert!(refused.contains("connection refused"), "{refused}");
}

#[test]
fn urls_resolve_as_rfc_3986_says() {
    let base = Url::parse("HTTP://Example.COM:80/a/b/openapi.json?x=1#frag").unwrap();
    assert_eq!(base.to_string(), "http://example.com/a/b/openapi.json?x=1");
    assert_eq!(base.origin(), "http://example.com");
    for (reference, expected) in [
        ("c.yaml", "http://example.com/a/b/c.yaml"),
        ("../c.yaml", "http://example.com/a/c.yaml"),
        ("../../../c.yaml", "http://example.com/c.yaml"),
        ("/c.yaml", "http://example.com/c.yaml"),
        ("//other.test/c.yaml", "http://other.test/c.yaml"),
        ("https://other.test:443/c", "https://other.test/c"),
        ("", "http://example.com/a/b/openapi.json?x=1"),
    ] {
        assert_eq!(
            base.join(reference).unwrap().to_string(),
            expected,
            "{reference}"
        );
    }
    assert!(Url::parse("ftp://x/y").is_err());
    assert!(
        Url::parse("http://user:secret@x/y")
            .unwrap_err()
            .contains("credentials")
    );
    assert!(Url::parse("http:///y").is_err());
    assert_eq!(base.stem(), Some("openapi"));
}

#[test]
fn the_cli_generates_a_crate_from_a_url_and_explains_failures() {
    let base = serve(vec![
        ("/api/openapi.json", Answer::Ok(MAIN)),
        ("/api/schemas/invoice.yaml", Answer::Ok(INVOICE)),
        ("/api/money.yaml", Answer::Ok(MONEY)),
    ]);
    let out: PathBuf =
        std::env::temp_dir().join(format!("codegen-fetch-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let url = format!("{base}/api/openapi.json");
    let run = |spec: &str| {
        Command::new(env!("CARGO_BIN_EXE_codegen"))
            .args(["generate", spec, "--out"])
            .arg(&out)
            .output()
            .unwrap()
    };
    let ok = run(&url);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(
        lib.starts_with(&format!("// @generated by codegen from {url}.")),
        "{lib}"
    );
    assert!(
        std::fs::read_to_string(out.join("Cargo.toml"))
            .unwrap()
            .contains("name = \"openapi\"")
    );
    std::fs::remove_dir_all(&out).unwrap();
    let failed = run("http://127.0.0.1:1/openapi.json");
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains("http://127.0.0.1:1/openapi.json") && stderr.contains("connection refused"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written");
}
