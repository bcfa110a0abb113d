//! The titles and descriptions of the demo presets on the plans page.

use crate::model::plan::Preset;

use super::{tr, Lang};

/// The card's title, also the name of the plan the preset opens.
pub fn title(lang: Lang, preset: Preset) -> &'static str {
    match preset {
        Preset::B2bDistribution => tr(lang, "B2B-дистрибуция", "B2B distribution"),
        Preset::B2bServices => tr(lang, "Сложные B2B-услуги", "Complex B2B services"),
        Preset::B2cServices => tr(lang, "B2C-услуги", "B2C services"),
    }
}

pub fn description(lang: Lang, preset: Preset) -> &'static str {
    match preset {
        Preset::B2bDistribution => tr(
            lang,
            "Оптовый дистрибьютор: холодные звонки, встречи, ежемесячные заказы; телемаркетинг, специалисты по развитию, офисные продажи и бэк-офис.",
            "Wholesale distributor: cold calls, meetings, monthly orders; telemarketing, development specialists, office sales and back office.",
        ),
        Preset::B2bServices => tr(
            lang,
            "IT-интегратор: длинный цикл, крупный чек, проекты поквартально; развитие, ключевые клиенты и пресейл.",
            "IT integrator: long cycle, large check, quarterly projects; business development, key accounts and presale.",
        ),
        Preset::B2cServices => tr(
            lang,
            "Частная клиника: заявки с рекламы, запись, визит; колл-центр, администраторы и продления.",
            "Private clinic: ad requests, booking, visit; call centre, front desk consultants and renewals.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_a_title_and_a_description_in_both_languages() {
        for preset in Preset::ALL {
            for lang in [Lang::Ru, Lang::En] {
                assert!(!title(lang, preset).is_empty());
                assert!(description(lang, preset).len() > title(lang, preset).len());
            }
        }
        assert_eq!(title(Lang::En, Preset::B2cServices), "B2C services");
    }
}
