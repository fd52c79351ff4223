//! `docs/RULES.md` is the index of the numbered rules (`R-PRICE-3`, …) that code and tests cite.
//! These tests keep it whole: every rule cited anywhere in the repository's sources and docs is
//! listed there; every rule listed is pinned by a test named after it (a Rust `fn r_price_3_…`
//! or a Python `def test_r_price_3_…`); and the file and test each row names exist.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files searched: sources, scripts and docs, not build output or generated bindings.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if path.is_dir() {
            if !matches!(
                name.as_str(),
                "target" | ".git" | "node_modules" | "swift" | ".venv"
            ) {
                files(&path, out);
            }
        } else if ["rs", "py", "kt", "sh", "md"]
            .iter()
            .any(|ext| name.ends_with(&format!(".{ext}")))
        {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(PathBuf, String)> {
    let mut paths = Vec::new();
    files(&root(), &mut paths);
    paths
        .into_iter()
        .filter(|p| !p.ends_with("docs/RULES.md"))
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|text| (p, text)))
        .collect()
}

/// Every `R-XXX-N` in `text`.
fn cited(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i + 2 < b.len() {
        if b[i] == b'R' && b[i + 1] == b'-' && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let mut j = i + 2;
            while j < b.len() && b[j].is_ascii_uppercase() {
                j += 1;
            }
            if j > i + 2 && j + 1 < b.len() && b[j] == b'-' && b[j + 1].is_ascii_digit() {
                let mut k = j + 1;
                while k < b.len() && b[k].is_ascii_digit() {
                    k += 1;
                }
                found.insert(text[i..k].to_string());
                i = k;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// The index's rows: (rule, implementing file, test name).
fn rows() -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(root().join("docs/RULES.md")).expect("docs/RULES.md");
    text.lines()
        .filter(|l| l.starts_with("| R-"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let unquote = |s: &str| s.trim_matches('`').to_string();
            (cells[1].to_string(), unquote(cells[3]), unquote(cells[4]))
        })
        .collect()
}

/// Test functions named after a rule: `fn r_xxx_n_…` (Rust) and `def test_r_xxx_n_…` (Python).
fn test_names(all: &[(PathBuf, String)]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (_, text) in all {
        for line in text.lines() {
            let line = line.trim_start();
            let rest = line
                .strip_prefix("pub fn ")
                .or_else(|| line.strip_prefix("fn "))
                .or_else(|| line.strip_prefix("def "));
            if let Some(rest) = rest {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let bare = name.strip_prefix("test_").unwrap_or(&name);
                if bare.starts_with("r_") {
                    names.insert(name);
                }
            }
        }
    }
    names
}

fn pins(name: &str, rule: &str) -> bool {
    let prefix = format!("r_{}_", rule[2..].to_lowercase().replace('-', "_"));
    name.strip_prefix("test_")
        .unwrap_or(name)
        .starts_with(&prefix)
}

#[test]
fn every_cited_rule_is_in_the_index() {
    let indexed: BTreeSet<String> = rows().into_iter().map(|r| r.0).collect();
    let mut missing = BTreeSet::new();
    for (path, text) in sources() {
        for rule in cited(&text) {
            if !indexed.contains(&rule) {
                missing.insert(format!("{rule} (cited in {})", path.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "rules cited but not in docs/RULES.md: {missing:#?}"
    );
}

#[test]
fn every_indexed_rule_is_pinned_by_a_test_named_after_it() {
    let all = sources();
    let names = test_names(&all);
    let unpinned: Vec<String> = rows()
        .into_iter()
        .map(|r| r.0)
        .filter(|rule| !names.iter().any(|n| pins(n, rule)))
        .collect();
    assert!(
        unpinned.is_empty(),
        "rules with no test named after them: {unpinned:?}"
    );
}

#[test]
fn the_files_and_tests_the_index_names_exist() {
    let names = test_names(&sources());
    for (rule, file, test) in rows() {
        assert!(root().join(&file).is_file(), "{rule}: no file {file}");
        assert!(names.contains(&test), "{rule}: no test {test}");
        assert!(pins(&test, &rule), "{rule}: {test} is not named after it");
    }
    assert!(rows().len() >= 70, "the index lost rows: {}", rows().len());
}
