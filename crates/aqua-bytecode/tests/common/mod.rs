//! Shared by the oracle tests of this crate: what to do when `luac5.4`/`lua5.4` is missing.

/// Called when a test's oracle is not installed: the test is skipped with a note, unless
/// `AQUA_REQUIRE_ORACLE` is set (`.ci/run` sets it), where a missing oracle fails the test so
/// that CI cannot pass by skipping.
pub fn skip_without_oracle(what: &str) {
    assert!(
        std::env::var_os("AQUA_REQUIRE_ORACLE").is_none(),
        "{what} not found, and AQUA_REQUIRE_ORACLE is set: this test must run"
    );
    eprintln!("{what} not found: skipped");
}
