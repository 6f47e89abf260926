//! The crate compiling at all is the main check (warnings denied). Beyond
//! that: every 3.1 document of the corpus made a module, and each module's
//! client builds.

#[test]
fn every_3_1_document_of_the_corpus_has_a_module_whose_client_builds() {
    if corpus_openapi31::LISTED == 0 {
        eprintln!("no corpus found when building; nothing was compiled");
        return;
    }
    assert_eq!(corpus_openapi31::CLIENTS.len(), corpus_openapi31::LISTED);
    assert!(
        corpus_openapi31::LISTED >= 8,
        "the corpus lists eight 3.1 documents"
    );
    for (module, build) in corpus_openapi31::CLIENTS {
        build("http://127.0.0.1:9").unwrap_or_else(|e| panic!("{module}: {e}"));
    }
}
