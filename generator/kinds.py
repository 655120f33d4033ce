"""The common kinds of ../shared/GLOSSARY.md: the portal's shared vocabulary.

A jurisdiction names its own roles, lists, maps and stages in its content files and maps
each one onto one of these kinds, so that pages and filters can compare jurisdictions
without the generator knowing any jurisdiction's words. Each kind: (zh, en, description).
"""
from __future__ import annotations

from collections.abc import Iterable

from . import languages
from .ui import separator

OTHER = "other"   # a jurisdiction's word that no common kind fits

ROLE_KINDS = {
    "general_chief": ("总链长", "general chain chief", "oversees all chains of a jurisdiction; held by a person"),
    "chief": ("链长", "chain chief", "the senior official responsible for one chain; held by a person"),
    "deputy_chief": ("副链长", "deputy chain chief", "assists a chief, e.g. from a city; held by a person"),
    "linked_leader": ("联系领导", "linked leader", "a leader linked to a chain, acting as its chief; held by a person"),
    "lead_unit": ("牵头单位", "lead unit", "the unit that leads the work on a chain"),
    "responsible_unit": ("责任单位", "responsible unit", "a unit answerable for a chain; the first named leads"),
    "alliance_chair_unit": ("盟会长单位", "alliance-chair unit", "an enterprise, alliance, association or chamber chairing a chain's alliance"),
    "office_head": ("办公室主任", "office head", "heads a chain chief office; held by a person"),
}
PERSON_ROLE_KINDS = {"general_chief", "chief", "deputy_chief", "linked_leader", "office_head"}

BODY_KINDS = {
    "leading_group": ("领导小组", "leading group", "the body that steers the whole system"),
    "office": ("链长办", "chain chief office", "runs the day-to-day work"),
    "task_force": ("工作专班", "task force", "a working team for one chain"),
    "expert_group": ("专家咨询组", "expert advisory group", "advisers or a think tank"),
    "alliance": ("产业链联盟", "chain alliance", "enterprises of a chain working together"),
    "other": ("其他机构", "other body", "any other body"),
}

MAP_KINDS = {
    "chain_map": ("产业链图", "chain map", "upstream, midstream and downstream segments"),
    "technology_roadmap": ("技术路线图", "technology roadmap", ""),
    "application_field_map": ("应用领域图", "application-field map", ""),
    "regional_distribution_map": ("区域分布图", "regional distribution map", "also: industrial layout map"),
    "investment_target_map": ("招商目标图", "investment-target map", ""),
    "other": ("其他图", "other map", ""),
}

LIST_KINDS = {
    "investment_attraction": ("招商清单", "investment attraction list", ""),
    "talent": ("人才清单", "talent list", ""),
    "technology": ("技术清单", "technology list", ""),
    "platform": ("平台清单", "platform list", ""),
    "enterprise": ("企业清单", "enterprise list", ""),
    "project": ("项目清单", "project list", ""),
    "park": ("园区清单", "park list", ""),
    "financing": ("融资清单", "financing list", ""),
    "land": ("用地清单", "land list", ""),
    "environment": ("环保清单", "environment list", ""),
    "key_producers": ("重点生产企业清单", "key producers list", ""),
    "core_suppliers": ("核心配套企业清单", "core suppliers list", ""),
    "supply_disruption_risk": ("断链断供风险清单", "supply-disruption risk list", ""),
    "key_projects": ("重点项目清单", "key projects list", ""),
    "policy": ("政策清单", "policy list", ""),
    "key_technologies": ("关键核心技术清单", "key core technologies list", ""),
    "strengths_gaps": ("长板短板动态表", "strengths-and-gaps table", ""),
    "problem_ledger": ("问题台账", "problem ledger", ""),
    "investor_pool": ("客商库", "investor pool", "investors to approach"),
    "project_pool": ("项目库", "project pool", "projects to attract"),
    "other": ("其他清单", "other list", ""),
}

# In the order of a project's life: lists sort by it and charts follow it.
STAGE_KINDS = {
    "planned": ("谋划", "planned", "in negotiation, not signed"),
    "signed": ("签约", "signed", "a contract signed"),
    "reserve": ("储备", "reserve", "signed, not started, or in preparation"),
    "started": ("开工", "started", "construction started"),
    "under_implementation": ("实施", "under implementation", "under construction"),
    "in_production": ("投产", "in production", "completed and producing"),
    "above_designated_size": ("入规", "above designated size", "producing, with turnover above the statistical "
                                                               "threshold for industrial enterprises"),
    "other": ("其他", "other", ""),
}

TIER_KINDS = {
    "chain_leader": ("链主企业", "chain-leader enterprise", "the dominant firm of a chain"),
    "chain_core": ("链核企业", "chain-core enterprise", ""),
    "specialised_sme": ("专精特新企业", "specialised and sophisticated SME", "incl. \"little giants\""),
    "single_product_champion": ("单项冠军", "single-product champion", ""),
    "key_enterprise": ("重点企业", "key enterprise", "any other named tier"),
}

FREQUENCY_KINDS = {
    "weekly": ("每周", "weekly", ""),
    "monthly": ("每月", "monthly", ""),
    "quarterly": ("每季度", "quarterly", ""),
    "half_yearly": ("每半年", "half-yearly", ""),
    "yearly": ("每年", "yearly", ""),
    "ad_hoc": ("适时", "as needed", ""),
    "regular": ("定期（间隔未载明）", "regularly (interval not stated)", "the document says regularly, not how often"),
}

# The industrial layout: the areas a jurisdiction assigns industries to, and named belts across them.
AREA_KINDS = {
    "county": ("县（市）", "county", "a county or county-level city"),
    "district": ("区", "district", "a city district"),
    "belt": ("产业带", "industrial belt", "a named belt or corridor running through several areas"),
    "other": ("其他", "other", "any other area; its own name is shown"),
}

LEVEL_KINDS = {
    "country": ("国家", "country", ""),
    "province": ("省级", "province", "province, autonomous region or municipality"),
    "city": ("市级", "city", "prefecture-level city"),
    "district": ("区级", "district", "city district"),
    "county": ("县级", "county", "county or county-level city"),
    "zone": ("开发区", "development zone", ""),
}

UNIT_KINDS = {
    "department": ("部门", "department", "a government department or office"),
    "enterprise": ("企业", "enterprise", ""),
    "alliance": ("联盟", "alliance", ""),
    "association": ("协会", "association", ""),
    "chamber": ("商会", "chamber of commerce", ""),
    "research_institute": ("研究机构", "research institute", ""),
    "government": ("人民政府", "government", "a people's government or zone administration"),
    "other": ("其他", "other body", ""),
}

SEGMENT_POSITIONS = {
    "upstream": ("上游", "upstream", ""),
    "midstream": ("中游", "midstream", ""),
    "downstream": ("下游", "downstream", ""),
}

TARGET_MEASURES = {
    "project_count": ("项目数", "number of projects", "counted from the projects in the portal"),
    "project_amount": ("项目投资额", "project investment", "the projects' amounts added up, in 100 million yuan"),
    "chain_count": ("产业链数", "number of chains", "counted from the chains in the portal"),
}


def label(table: dict, key: str, lang: str, own: Iterable[str] = ()) -> str:
    """A common kind's name, as a table cell or a label shows it: 谋划 / Planned.

    "other" is never printed as a label: it stands for the jurisdictions' own words, `own`
    (甲、乙), or for nothing."""
    if key == OTHER:
        return separator(lang).join(dict.fromkeys(word for word in own if word))
    zh, en, _ = table[key]
    return languages.pick({"zh": zh, "en": en[:1].upper() + en[1:]}, lang)
