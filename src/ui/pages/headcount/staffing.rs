//! The staff schedule: per role its workload, the capacity of one employee, FTE and
//! headcount, and what drives it (the funnel stage by name).

use yew::prelude::*;

use super::format;
use super::ResultProps;
use crate::i18n::numbers::format_percent;
use crate::i18n::{tr, Lang};
use crate::ui::state::use_app;

#[function_component(StaffingTable)]
pub fn staffing_table(props: &ResultProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let r = &props.report;
    let t = &r.with_back_office;
    let days = format::quantity(plan.working_days_per_month, lang);
    let relief = format_percent(plan.headcount.back_office_relief_pct, 0, lang);
    html! {
        <section class={classes!("card", "hc-staffing")} aria-labelledby="hc-staffing-title">
            <h2 id="hc-staffing-title">{ tr(lang, "Штатное расписание", "Staff schedule") }</h2>
            <div class={classes!("table-wrap", props.stale.then_some("stale"))}>
                <table data-testid="staffing-table">
                    <thead>
                        <tr>
                            <th scope="col">{ tr(lang, "Роль", "Role") }</th>
                            <th scope="col" class="text">{ tr(lang, "Нагрузку задаёт", "Driven by") }</th>
                            <th scope="col">{ tr(lang, "Нагрузка в месяц", "Workload per month") }</th>
                            <th scope="col">{ tr(lang, "На сотрудника в месяц", "Capacity per employee") }</th>
                            <th scope="col">{ tr(lang, "FTE", "FTE") }</th>
                            <th scope="col">{ tr(lang, "Штат", "Headcount") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for r.roles.iter().enumerate().map(|(i, role)| {
                            let s = &role.with_back_office;
                            let n = i + 1;
                            let unit = format::unit_text(role.unit, lang);
                            html! {
                                <tr>
                                    <th scope="row" class="text">
                                        { role.name.clone() }
                                        if s.relieved {
                                            <span class="hc-tag" title={tr(lang, "Разгружает бэк-офис", "Relieved by back office")}>
                                                { tr(lang, "бэк-офис", "back office") }
                                            </span>
                                        }
                                    </th>
                                    <td class="text" data-testid={format!("role-{n}-stage")}>
                                        { format::driver_text(role.driver, role.stage.as_ref(), plan, lang) }
                                    </td>
                                    <td>
                                        <span data-testid={format!("role-{n}-workload")}>{ format::quantity(s.workload_per_month, lang) }</span>
                                        <span class="hc-unit">{ unit.clone() }</span>
                                    </td>
                                    <td>
                                        <span data-testid={format!("role-{n}-capacity")}>{ format::quantity(s.capacity_per_employee, lang) }</span>
                                        <span class="hc-unit">{ unit }</span>
                                    </td>
                                    <td data-testid={format!("role-{n}-fte")}>{ format::fte(s.fte, lang) }</td>
                                    <td class="hc-strong" data-testid={format!("role-{n}-headcount")}>{ format::people(s.headcount, lang) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                    <tfoot>
                        <tr class="hc-total">
                            <th scope="row" class="text" colspan="4">{ tr(lang, "Итого", "Total") }</th>
                            <td>{ format::fte(t.fte, lang) }</td>
                            <td class="hc-strong">{ format::people(t.headcount, lang) }</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="hc-muted hc-note">{ capacity_note(lang, &days, &relief) }</p>
        </section>
    }
}

/// How capacity and headcount are computed, with this plan's numbers.
fn capacity_note(lang: Lang, days: &str, relief: &str) -> String {
    match lang {
        Lang::Ru => format!(
            "На сотрудника в месяц = норма в день × {days} рабочих дн. × продуктивное время (портфель: клиентов на менеджера × продуктивное время); у ролей, которые разгружает бэк-офис, — умноженное на (1 + {relief}): бэк-офис освобождает эту долю времени менеджера, и его объём растёт на столько же. FTE = нагрузка / производительность; штат — FTE, округлённое вверх."
        ),
        Lang::En => format!(
            "Capacity per employee = norm per day × {days} working days × productive share (portfolio: clients per manager × productive share); for roles relieved by back office, multiplied by (1 + {relief}): the back office frees that share of a manager's time, and their volume grows by as much. FTE = workload / capacity; headcount = FTE rounded up."
        ),
    }
}
