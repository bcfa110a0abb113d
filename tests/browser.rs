//! Browser tests (wasm32, headless Chromium via wasm-bindgen-test-runner): the storage
//! adapter against the real localStorage, and the pure layers running as wasm.
#![cfg(target_arch = "wasm32")]

use salesplan::i18n::numbers::{format_money, parse_number};
use salesplan::i18n::plural::{category, cldr_category, PluralCategory, Shown};
use salesplan::i18n::Lang;
use salesplan::model::Currency;
use salesplan::storage::local::{
    clear_unsaved, keep_unsaved, open, read_raw, save, OpenNote, Opened,
};
use salesplan::storage::unsaved::{self, FromSession};
use salesplan::storage::{Document, Unreadable, BACKUP_KEY_PREFIX, STORAGE_KEY};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn backups() -> Vec<String> {
    let s = storage();
    (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with(BACKUP_KEY_PREFIX))
        .map(|k| s.get_item(&k).unwrap().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn storage_paths() {
    // One test walks the paths in order: they share the page's localStorage.
    storage().clear().unwrap();

    // Nothing stored: a fresh demo, no note.
    let Opened {
        document: doc,
        note,
        stored,
        ..
    } = open(Lang::En);
    assert_eq!(note, None);
    assert_eq!(doc.plans.len(), 1);
    assert_eq!(stored, None);

    // Saved and read back equal.
    let mut doc = Document::fresh(Lang::Ru);
    doc.active_plan_mut().name = "Браузерный тест".into();
    let written = save(&doc).unwrap();
    assert_eq!(read_raw(), Some(written.clone()));
    let Opened {
        document: back,
        note,
        stored,
        ..
    } = open(Lang::Ru);
    assert_eq!(note, None);
    assert_eq!(back, doc);
    assert_eq!(stored, Some(written));

    // Corrupt: kept under a backup key, the main key freed, the app starts clean.
    storage().set_item(STORAGE_KEY, "{not json").unwrap();
    let Opened {
        document: fresh,
        note,
        stored,
        ..
    } = open(Lang::Ru);
    assert!(matches!(
        note,
        Some(OpenNote::Unreadable {
            reason: Unreadable::CorruptJson(_),
            backup_key: Some(_)
        })
    ));
    assert_eq!(fresh.plans.len(), 1);
    assert_eq!(backups(), vec!["{not json".to_string()]);
    assert_eq!(storage().get_item(STORAGE_KEY).unwrap(), None);
    assert_eq!(
        stored, None,
        "what this tab knows is stored: nothing, the key was freed"
    );

    // Edits localStorage refused, kept in the session: opened when built on what is stored.
    let mut doc = Document::fresh(Lang::En);
    let written = save(&doc).unwrap();
    doc.active_plan_mut().name = "Unsaved".into();
    assert!(keep_unsaved(&unsaved::encode(&doc, Some(&written))));
    let Opened { session, .. } = open(Lang::En);
    assert_eq!(session, FromSession::Newer(doc.clone()));
    // Another save since: the copy is behind.
    save(&Document::fresh(Lang::Ru)).unwrap();
    let Opened { session, .. } = open(Lang::En);
    assert_eq!(session, FromSession::Behind(doc));
    clear_unsaved();
    let Opened { session, .. } = open(Lang::En);
    assert_eq!(session, FromSession::Nothing);
}

#[wasm_bindgen_test]
fn numbers_in_wasm_match_native() {
    assert_eq!(
        format_money(1_234_567.891, Currency::RUB, 2, Lang::Ru),
        "1\u{a0}234\u{a0}567,89\u{a0}₽"
    );
    assert_eq!(parse_number("1 234,5"), Ok(1234.5));
    assert_eq!(Lang::from_browser_tag("ru-RU"), Lang::Ru);
}

#[wasm_bindgen_test]
fn browser_plural_rules_match_the_rust_cldr_rules() {
    let numbers = [
        0.0, 1.0, 2.0, 4.0, 5.0, 11.0, 12.0, 14.0, 21.0, 22.0, 25.0, 101.0, 111.0, 1.5,
    ];
    for lang in [Lang::Ru, Lang::En] {
        for n in numbers {
            for shown in [Shown::AsIs, Shown::Decimals(0), Shown::Decimals(1)] {
                assert_eq!(
                    category(lang, n, shown),
                    cldr_category(lang, n, shown),
                    "{lang:?} {n} {shown:?}"
                );
            }
        }
    }
    // The categories themselves, so that both cannot be wrong alike.
    assert_eq!(category(Lang::Ru, 21.0, Shown::AsIs), PluralCategory::One);
    assert_eq!(category(Lang::Ru, 22.0, Shown::AsIs), PluralCategory::Few);
    assert_eq!(category(Lang::Ru, 111.0, Shown::AsIs), PluralCategory::Many);
    assert_eq!(category(Lang::Ru, 1.5, Shown::AsIs), PluralCategory::Other);
    assert_eq!(category(Lang::En, 1.0, Shown::AsIs), PluralCategory::One);
}

#[wasm_bindgen_test]
fn worker_messages_round_trip() {
    use salesplan::model::clients::amount::Decimal;
    use salesplan::model::clients::clv::{ClvSettings, HorizonUnit, TimeUnit};
    use salesplan::model::clients::dates::SlashOrder;
    use salesplan::model::clients::{AnalysisSettings, ColumnMapping, Dialect};
    use salesplan::worker::protocol::{
        codec, AnalyzeRequest, ExportFormat, ExportRequest, Failure, Request, Response, Step,
    };

    let dialect = Dialect {
        delimiter: b';',
        decimal: Decimal::Comma,
        has_header: false,
        slash_dates: SlashOrder::MonthFirst,
    };
    let requests = [
        Request::Open {
            file_name: "Продажи 2024.csv".to_string(),
        },
        Request::Preview { dialect },
        Request::Analyze(AnalyzeRequest {
            dialect,
            mapping: ColumnMapping {
                client: Some(0),
                date: Some(2),
                amount: Some(usize::MAX >> 12),
                manager: None,
                segment: Some(7),
                product: None,
            },
            analysis: AnalysisSettings {
                abc_a_pct: 80.125,
                active_window_days: 1e-300,
                ..AnalysisSettings::default()
            },
            clv: ClvSettings {
                time_unit: TimeUnit::Days,
                horizon: 0.1 + 0.2,
                horizon_unit: HorizonUnit::Weeks,
                calibration_end: Some(-719_468),
                ..ClvSettings::default()
            },
        }),
        Request::Export(ExportRequest {
            format: ExportFormat::Xlsx,
            lang: Lang::En,
            currency: Currency::KZT,
        }),
    ];
    for request in requests {
        let encoded = codec::encode_request(&request).expect("a request encodes");
        assert!(encoded.is_object(), "a request travels as an object");
        assert_eq!(codec::decode_request(encoded), Some(request));
    }
    let responses = [
        Response::Ready,
        Response::Progress {
            step: Step::Analysing,
            fraction: 0.1 + 0.2,
        },
        Response::Failed(Failure::NoFile),
    ];
    for response in responses {
        let encoded = codec::encode_response(&response).expect("a response encodes");
        assert!(encoded.is_string(), "a response travels as JSON text");
        assert_eq!(codec::decode_response(encoded), Some(response));
    }
    // Not a message: refused, not a panic.
    assert_eq!(
        codec::decode_request(wasm_bindgen::JsValue::from_str("{}")),
        None
    );
    assert_eq!(
        codec::decode_response(wasm_bindgen::JsValue::from_f64(1.0)),
        None
    );
}
