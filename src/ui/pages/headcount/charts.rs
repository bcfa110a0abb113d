//! Charts: headcount by role and monthly budget by role (SVG bars).

use yew::prelude::*;

use super::format;
use super::ResultProps;
use crate::i18n::tr;
use crate::ui::state::use_app;
use crate::ui::widgets::{Bar, BarChart};

#[function_component(Charts)]
pub fn charts(props: &ResultProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let currency = app.plan().currency;
    let roles = &props.report.roles;
    let largest = |value: &dyn Fn(usize) -> f64| {
        (0..roles.len()).fold(None::<usize>, |best, i| match best {
            Some(b) if value(b) >= value(i) => Some(b),
            _ => Some(i),
        })
    };
    let people = |i: usize| roles[i].with_back_office.headcount;
    let cost = |i: usize| roles[i].with_back_office_cost.monthly;
    let most_people = largest(&people);
    let most_cost = largest(&cost);
    let headcount_bars = roles
        .iter()
        .enumerate()
        .map(|(i, r)| Bar {
            label: AttrValue::from(short_label(&r.name)),
            value: people(i),
            text: AttrValue::from(format::people(people(i), lang)),
            highlight: most_people == Some(i),
        })
        .collect::<Vec<_>>();
    let budget_bars = roles
        .iter()
        .enumerate()
        .map(|(i, r)| Bar {
            label: AttrValue::from(short_label(&r.name)),
            value: cost(i),
            text: AttrValue::from(format::money(cost(i), currency, lang)),
            highlight: most_cost == Some(i),
        })
        .collect::<Vec<_>>();
    html! {
        <section class={classes!("card", "hc-charts", props.stale.then_some("stale"))} aria-labelledby="hc-charts-title">
            <h2 id="hc-charts-title" class="visually-hidden">{ tr(lang, "Графики", "Charts") }</h2>
            <h3>{ tr(lang, "Штат по ролям", "Headcount by role") }</h3>
            <BarChart id="headcount-chart" title={tr(lang, "Штат по ролям, человек", "Headcount by role, people")} bars={headcount_bars} />
            <h3>{ tr(lang, "Бюджет по ролям в месяц", "Budget by role per month") }</h3>
            <BarChart id="budget-chart" title={tr(lang, "Затраты по ролям в месяц", "Cost by role per month")} bars={budget_bars} />
        </section>
    }
}

/// Role names short enough for the chart's label column (wide Cyrillic letters run past it).
fn short_label(name: &str) -> String {
    const MAX_CHARS: usize = 23;
    if name.chars().count() <= MAX_CHARS {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(MAX_CHARS - 1).collect();
        s.push('…');
        s
    }
}
