//! The words of the headcount model's kinds: KPI units, workload drivers, variable pay and
//! org templates.

use crate::model::headcount::{OrgTemplate, VariablePay, WorkUnit, WorkloadDriver};

use super::{tr, Lang};

/// Column header of the KPI sheet, plural.
pub fn work_unit(lang: Lang, unit: WorkUnit) -> &'static str {
    match unit {
        WorkUnit::Calls => tr(lang, "Звонки", "Calls"),
        WorkUnit::Messages => tr(lang, "Сообщения", "Messages"),
        WorkUnit::Meetings => tr(lang, "Встречи", "Meetings"),
        WorkUnit::Events => tr(lang, "Мероприятия", "Events"),
        WorkUnit::Deals => tr(lang, "Сделки", "Deals"),
        WorkUnit::Orders => tr(lang, "Заказы", "Orders"),
        WorkUnit::Clients => tr(lang, "Клиенты в портфеле", "Clients in portfolio"),
        WorkUnit::ManagersSupported => tr(lang, "Менеджеры на поддержке", "Managers supported"),
        WorkUnit::DirectReports => tr(lang, "Подчинённые", "Direct reports"),
        WorkUnit::NoUnit => "—",
    }
}

/// Name of the kind of driver for a picker (the stage itself is named by the report).
pub fn workload_driver(lang: Lang, driver: WorkloadDriver) -> &'static str {
    match driver {
        WorkloadDriver::FunnelStage(_) => tr(lang, "Этап воронки", "Funnel stage"),
        WorkloadDriver::BaseOrders => tr(lang, "Заказы клиентской базы", "Orders from the base"),
        WorkloadDriver::Portfolio => tr(lang, "Клиенты в портфеле", "Clients in portfolio"),
        WorkloadDriver::BackOffice => tr(
            lang,
            "Бэк-офис: 1 на N менеджеров",
            "Back office: 1 per N managers",
        ),
        WorkloadDriver::HeadOfSales => tr(
            lang,
            "Руководство: норма управляемости",
            "Management: span of control",
        ),
        WorkloadDriver::Fixed(_) => tr(lang, "Фиксированная численность", "Fixed headcount"),
    }
}

pub fn variable_pay(lang: Lang, pay: VariablePay) -> &'static str {
    match pay {
        VariablePay::None => tr(lang, "Нет", "None"),
        VariablePay::PercentOfRevenue => tr(lang, "% от выручки", "% of revenue"),
        VariablePay::PercentOfMargin => tr(lang, "% от маржи", "% of gross margin"),
        VariablePay::PerUnit => tr(lang, "За единицу работы", "Per unit of work"),
    }
}

pub fn org_template(lang: Lang, template: OrgTemplate) -> &'static str {
    match template {
        OrgTemplate::Transactional => tr(lang, "Транзакционные продажи", "Transactional sales"),
        OrgTemplate::Complex => tr(
            lang,
            "Сложные (проектные) продажи",
            "Complex (project) sales",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_worded_in_both_languages() {
        assert_eq!(work_unit(Lang::Ru, WorkUnit::Calls), "Звонки");
        assert_eq!(
            work_unit(Lang::En, WorkUnit::DirectReports),
            "Direct reports"
        );
        assert_eq!(work_unit(Lang::En, WorkUnit::NoUnit), "—");
        assert_eq!(
            workload_driver(Lang::En, WorkloadDriver::FunnelStage(2)),
            "Funnel stage"
        );
        assert_eq!(variable_pay(Lang::Ru, VariablePay::None), "Нет");
        assert_eq!(
            org_template(Lang::En, OrgTemplate::Complex),
            "Complex (project) sales"
        );
    }
}
