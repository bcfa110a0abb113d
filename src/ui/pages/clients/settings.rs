//! The analysis settings (ABC and XYZ thresholds, the active window, the forecast's horizon,
//! discount and margin). They are part of the plan; a change after an analysis re-runs it
//! on the rows already read.

use yew::prelude::*;

use crate::i18n::{tr, Lang};
use crate::model::clients::clv::{ClvSettings, HorizonUnit, TimeUnit};
use crate::model::clients::AnalysisSettings;
use crate::model::{Currency, FieldError, Rule};
use crate::state::plan_edit::{AnalysisNumber, ClientsEdit, ClvNumber};
use crate::ui::state::use_app;
use crate::ui::widgets::{DateField, NumberField, SelectField};

/// The model's own check of both settings (e.g. A + B over 100 %), by field; with the
/// file's first and last day once it is analysed (the calibration end must fall between).
pub fn settings_errors(
    analysis: &AnalysisSettings,
    clv: &ClvSettings,
    dates: Option<(i32, i32)>,
) -> Vec<FieldError> {
    let mut errors = analysis.validate().err().unwrap_or_default();
    let clv_check = match dates {
        Some((first, last)) => clv.validate_for(first, last),
        None => clv.validate(),
    };
    errors.extend(clv_check.err().unwrap_or_default());
    errors
}

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    /// The analysed file's first and last day, when there is one.
    #[prop_or_default]
    pub dates: Option<(i32, i32)>,
}

#[function_component(Settings)]
pub fn settings(props: &SettingsProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let a = &plan.clients.analysis;
    let c = &plan.clients.clv;
    let errors = settings_errors(a, c, props.dates);
    let error = |field: &str| {
        errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.problem.clone())
    };
    let set_a = |number: AnalysisNumber| {
        let app = app.clone();
        Callback::from(move |v: f64| app.edit(ClientsEdit::SetAnalysis(number, v)))
    };
    let set_c = |number: ClvNumber| {
        let app = app.clone();
        Callback::from(move |v: f64| app.edit(ClientsEdit::SetClv(number, v)))
    };
    let on_unit = {
        let app = app.clone();
        Callback::from(move |v: String| {
            let unit = if v == "days" {
                TimeUnit::Days
            } else {
                TimeUnit::Weeks
            };
            app.edit(ClientsEdit::SetTimeUnit(unit));
        })
    };
    let unit_value = match c.time_unit {
        TimeUnit::Days => "days",
        TimeUnit::Weeks => "weeks",
    };
    let on_horizon_unit = {
        let app = app.clone();
        Callback::from(move |v: String| {
            let unit = if v == "weeks" {
                HorizonUnit::Weeks
            } else {
                HorizonUnit::Months
            };
            app.edit(ClientsEdit::SetHorizonUnit(unit));
        })
    };
    let horizon_unit_value = match c.horizon_unit {
        HorizonUnit::Weeks => "weeks",
        HorizonUnit::Months => "months",
    };
    let on_calibration_end = {
        let app = app.clone();
        Callback::from(move |day: Option<i32>| app.edit(ClientsEdit::SetCalibrationEnd(day)))
    };
    let on_currency = {
        let app = app.clone();
        let plan_currency = plan.currency;
        Callback::from(move |code: String| {
            let chosen = Currency::from_code(&code).filter(|c| *c != plan_currency);
            app.edit(ClientsEdit::SetFileCurrency(chosen));
        })
    };
    let currencies: Vec<(AttrValue, AttrValue)> = Currency::ALL
        .iter()
        .map(|c| (AttrValue::from(c.code()), AttrValue::from(c.code())))
        .collect();
    let pct = Some(AttrValue::from("%"));
    html! {
        <details class="card import-settings" data-testid="import-settings">
            <summary><h2>{ tr(lang, "Настройки анализа", "Analysis settings") }</h2></summary>
            <div class="settings-groups">
                <fieldset>
                    <legend>{ "ABC / XYZ" }</legend>
                    <NumberField id="abc-a-share" label={tr(lang, "Доля выручки группы A", "Revenue share of group A")}
                        value={a.abc_a_pct} rule={Rule::PERCENT} unit={pct.clone()} {lang}
                        error={error("abc-a-share")} on_change={set_a(AnalysisNumber::AbcAShare)} />
                    <NumberField id="abc-b-share" label={tr(lang, "Доля выручки группы B", "Revenue share of group B")}
                        value={a.abc_b_pct} rule={Rule::PERCENT} unit={pct.clone()} {lang}
                        error={error("abc-b-share")} on_change={set_a(AnalysisNumber::AbcBShare)} />
                    <NumberField id="xyz-x-cv" label={tr(lang, "X: вариация выручки по месяцам до", "X: variation of monthly revenue up to")}
                        value={a.xyz_x_cv_pct} rule={Rule::PERCENT} unit={pct.clone()} {lang}
                        error={error("xyz-x-cv")} on_change={set_a(AnalysisNumber::XyzXVariation)} />
                    <NumberField id="xyz-y-cv" label={tr(lang, "Y: вариация до", "Y: variation up to")}
                        value={a.xyz_y_cv_pct} rule={Rule::PERCENT} unit={pct.clone()} {lang}
                        error={error("xyz-y-cv")} on_change={set_a(AnalysisNumber::XyzYVariation)} />
                </fieldset>
                <fieldset>
                    <legend>{ tr(lang, "База", "Base") }</legend>
                    <NumberField id="active-window-days" label={tr(lang, "Клиент активен, если покупал за последние", "A client is active after a purchase within")}
                        value={a.active_window_days} rule={Rule::range(1.0, 3650.0).whole()} unit={AttrValue::from(tr(lang, "дн.", "days"))} {lang}
                        error={error("active-window-days")} on_change={set_a(AnalysisNumber::ActiveWindowDays)} />
                    <NumberField id="base-window-months" label={tr(lang, "Окно для XYZ и показателей базы", "Window for XYZ and the base figures")}
                        value={a.base_window_months} rule={Rule::range(1.0, 120.0).whole()} unit={AttrValue::from(tr(lang, "мес.", "months"))} {lang}
                        error={error("base-window-months")} on_change={set_a(AnalysisNumber::BaseWindowMonths)} />
                </fieldset>
                <fieldset>
                    <legend>{ tr(lang, "Прогноз (BG/NBD + Gamma-Gamma)", "Forecast (BG/NBD + Gamma-Gamma)") }</legend>
                    <NumberField id="forecast-horizon" label={tr(lang, "Горизонт прогноза", "Forecast horizon")}
                        value={c.horizon} rule={Rule::range(1.0, c.horizon_unit.max()).whole()} {lang}
                        error={error("forecast-horizon")} on_change={set_c(ClvNumber::Horizon)} />
                    <SelectField id="forecast-horizon-unit" label={tr(lang, "Горизонт в", "Horizon in")}
                        options={vec![
                            (AttrValue::from("months"), AttrValue::from(tr(lang, "месяцах", "months"))),
                            (AttrValue::from("weeks"), AttrValue::from(tr(lang, "неделях", "weeks"))),
                        ]}
                        selected={horizon_unit_value} on_change={on_horizon_unit} />
                    <NumberField id="clv-discount-rate" label={tr(lang, "Ставка дисконтирования в месяц", "Discount rate per month")}
                        value={c.monthly_discount_pct} rule={Rule::PERCENT} unit={pct.clone()} {lang}
                        error={error("clv-discount-rate")} on_change={set_c(ClvNumber::MonthlyDiscount)} />
                    <NumberField id="clv-margin" label={tr(lang, "Маржинальность (100 % — ценность в выручке)", "Gross margin (100% = value in revenue)")}
                        value={c.margin_pct} rule={Rule::PERCENT} unit={pct} {lang}
                        error={error("clv-margin")} on_change={set_c(ClvNumber::Margin)} />
                    <NumberField id="clv-min-repeat" label={tr(lang, "Минимум клиентов с повторными покупками", "Fewest clients with repeat purchases")}
                        value={c.min_repeat_customers} rule={Rule::range(1.0, 1e6).whole()} {lang}
                        error={error("clv-min-repeat")} on_change={set_c(ClvNumber::MinRepeatCustomers)} />
                    <SelectField id="clv-time-unit" label={tr(lang, "Единица времени модели", "The model's time unit")}
                        options={vec![
                            (AttrValue::from("weeks"), AttrValue::from(tr(lang, "недели", "weeks"))),
                            (AttrValue::from("days"), AttrValue::from(tr(lang, "дни", "days"))),
                        ]}
                        selected={unit_value} on_change={on_unit} />
                    <DateField id="forecast-calibration-end" label={tr(lang, "Конец периода калибровки", "End of the calibration period")}
                        value={c.calibration_end} range={props.dates} {lang}
                        error={error("forecast-calibration-end")}
                        hint={AttrValue::from(tr(lang,
                            "Пусто — последняя дата файла. Раньше неё: модель подбирается по покупкам до этой даты и проверяется на покупках после.",
                            "Empty: the file's last date. Before it: the model is fitted on the purchases up to this date and checked on those after."))}
                        on_change={on_calibration_end} />
                    <SelectField id="clients-currency" label={tr(lang, "Валюта сумм в файле", "Currency of the file's amounts")}
                        options={currencies} selected={plan.clients_currency().code()} on_change={on_currency} />
                </fieldset>
            </div>
        </details>
    }
}

/// The word for a time unit (for the forecast's parameters).
pub fn unit_word(unit: TimeUnit, lang: Lang) -> &'static str {
    match unit {
        TimeUnit::Days => tr(lang, "день", "day"),
        TimeUnit::Weeks => tr(lang, "неделя", "week"),
    }
}
