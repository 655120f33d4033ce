"""The site's own interface words (not content): one entry per string, (zh, en)."""
from __future__ import annotations

STRINGS = {
    "home": ("首页", "Home"),
    "footer_links": ("数据与帮助", "Data and help"),
    "not_found": ("页面不存在", "Page not found"),
    "not_found_text": ("此网址没有页面：可能已移动，或网址有误。请从以下页面查找。",
                       "There is no page at this address: it may have moved, or the address is mistyped. Try these pages."),
    "no_projects_in_zone": ("本园区暂无招商项目。", "No investment project is hosted here yet."),
    "leaders_note": ("链主企业及其牵头招引的项目。", "Chain-leader enterprises and the projects they lead."),
    "no_projects_led": ("暂无其牵头的招商项目。", "No investment project led by it yet."),
    "illustrative_list_short": ("{n} / {total} 个项目为示例数据，见页末说明。", "{n} of {total} projects are illustrative; see the note at the end."),
    "data_note": ("以下数据可自由下载、再利用。CSV 为带 BOM 的 UTF-8（Excel 可直接打开中文），xlsx 可直接在电子表格中打开。",
                  "The data below is free to download and reuse. The CSV files are UTF-8 with a byte-order mark, so "
                  "Excel opens Chinese correctly; the xlsx files open in any spreadsheet."),
    "catalog_machine": ("机器可读目录", "Machine-readable catalog"),
    "more_data": ("更多", "More"),
    "no_data_yet": ("本辖区暂无可下载的数据。", "This jurisdiction has no data to download yet."),
    "group": ("分组", "Group"),
    "projects_index_note": ("每个项目都有自己的页面。请从招商项目清单进入：可按辖区、产业链、阶段和园区筛选。",
                            "Every project has a page of its own. Start from a list of investment projects, which "
                            "filters by jurisdiction, chain, stage and zone."),
    "feeds_note": ("用订阅阅读器订阅，获知新增和更新的招商项目（Atom 格式）。",
                   "Subscribe in a feed reader to hear of new and changed investment projects (Atom)."),
    "schemas_note": ("每类记录的字段定义，供工具和编辑者校验内容。说明见", "The fields of each kind of record, for tools and "
                     "editors to check content against. Explained in the"),
    "record_kind": ("记录类型", "Record kind"),
    "people_note": ("政策文件中点名的人员，及其在各产业链担任的职务。", "The people the policy documents name, and what each holds on which chain."),
    "document": ("文件", "Document"),
    "project_of": ("所属产业链", "Project of"),
    "illustrative_rows": ("表中标为示例数据的产业链为演示功能而编写，并非来自政策文件。",
                          "Chains marked Illustrative were made up to show a feature; they are not from a policy document."),
    "filter_and_sort": ("筛选与排序", "Filter and sort"),
    "sort_default": ("默认顺序", "Default order"),
    "enterprise": ("企业", "Enterprise"),
    "in_the_portal_list": ("在全部招商项目中筛选、比较", "Filter and compare in the list of all investment projects"),
    "in_this_jurisdiction": ("本辖区", "In this jurisdiction"),
    "chief_table_note": ("谁负责哪条产业链", "Who is in charge of which chain"),
    "tasks_note": ("任务、时限与责任单位", "Tasks, deadlines and responsible units"),
    "body": ("机构", "Body"),
    "tier": ("梯队", "Tier"),
    "cadence": ("制度", "Meeting or report"),
    "figures": ("门户概况", "The portal in figures"),
    "unit_jurisdictions": ("个辖区", "jurisdictions"),
    "unit_chains": ("条产业链", "industrial chains"),
    "unit_projects": ("个招商项目", "investment projects"),
    "unit_amount": ("亿元计划投资", "CNY 100m planned investment"),
    "figures_illustrative": ("招商项目及投资额中有 {n} 个（共 {total} 个）为演示功能编写的示例数据，不是实际项目。",
                             "{n} of the {total} investment projects, and their amounts, are illustrative: made up to "
                             "show the lists, not actual projects."),
    "ways_in": ("从这里开始", "Where to start"),
    "who_is_in_charge": ("谁负责哪条产业链", "Who is in charge of which chain"),
    "who_is_in_charge_note": ("各地的链长分工表与人员索引。", "Each jurisdiction's chief-assignment table, and the people index."),
    "for_investors": ("投资者", "For investors"),
    "for_investors_note": ("招商项目清单，可筛选、比较和下载。", "Investment projects to filter, compare and download."),
    "how_it_works": ("各地如何运行链长制", "How each jurisdiction runs the system"),
    "how_it_works_note": ("组织体系、图谱与清单、会议制度和政策原文。", "Roles, bodies, maps and lists, meetings, and the "
                          "policy documents."),
    "investment_by_stage": ("招商项目按阶段", "Investment projects by stage"),
    "recent": ("最近更新", "Recently updated"),
    "projects_index": ("全部项目", "All projects"),
    "feeds": ("订阅", "Feeds"),
    "schemas": ("内容模型（JSON Schema）", "Content model (JSON Schema)"),
    "breadcrumbs": ("当前位置", "You are here"),
    "of_jurisdiction": ("{j}{page}", "{page}: {j}"),
    "jurisdictions": ("辖区", "Jurisdictions"),
    "jurisdiction": ("辖区", "Jurisdiction"),
    "chains": ("产业链", "Chains"),
    "chain": ("产业链", "Chain"),
    "units": ("单位及职责", "Units and duties"),
    "unit": ("单位", "Unit"),
    "people": ("人员索引", "People"),
    "person": ("人员", "Person"),
    "policies": ("政策文件", "Policies"),
    "tasks": ("任务表", "Task tables"),
    "guide": ("编辑指南", "Editor's guide"),
    "chief_table": ("链长分工表", "Chief-assignment table"),
    "level": ("级别", "Level"),
    "parent": ("上级", "Part of"),
    "roles": ("角色", "Roles"),
    "role": ("角色", "Role"),
    "kind": ("通用类型", "Common kind"),
    "holder": ("担任者", "Held by"),
    "duties": ("职责", "Duties"),
    "bodies": ("机构", "Bodies"),
    "head": ("负责人", "Head"),
    "seat": ("设在", "Housed in"),
    "maps_lists": ("图谱与清单", "Maps and lists"),
    "map_kinds": ("图谱", "Maps"),
    "list_kinds": ("清单", "Lists"),
    "stages": ("项目阶段", "Project stages"),
    "substages": ("子类", "Sub-categories"),
    "tiers": ("企业梯队", "Enterprise tiers"),
    "cadences": ("会议与报告制度", "Meetings and reporting"),
    "frequency": ("频次", "Frequency"),
    "convener": ("召集/报送", "Convened or reported by"),
    "checklists": ("工作清单", "Working checklists"),
    "targets": ("目标", "Targets"),
    "target": ("指标", "Target"),
    "value": ("数值", "Value"),
    "year": ("年份", "Year"),
    "mechanisms": ("工作机制", "Mechanisms"),
    "chiefs": ("链长", "Chiefs"),
    "segments": ("产业链图谱", "Chain map"),
    "enterprises": ("企业", "Enterprises"),
    "technologies": ("关键技术", "Key technologies"),
    "lists": ("清单", "Lists"),
    "projects": ("项目", "Projects"),
    "project": ("项目", "Project"),
    "stage": ("阶段", "Stage"),
    "amount": ("投资额（亿元）", "Amount (CNY 100m)"),
    "location": ("地点", "Location"),
    "zone": ("园区", "Zone"),
    "source": ("出处", "Source"),
    "illustrative": ("示例数据", "Illustrative"),
    "illustrative_note": ("本条为演示功能而编写的示例数据，并非来自政策文件。",
                          "Made up to show a feature; not from a policy document."),
    "not_stated": ("文件未载明", "not stated in the document"),
    "translation_pending": ("待翻译", "translation pending"),
    "lead": ("牵头", "Lead"),
    "first_named_leads": ("排第一的为牵头单位", "the first named leads"),
    "issuer": ("发文机关", "Issued by"),
    "number": ("文号", "Document number"),
    "date": ("日期", "Date"),
    "summary": ("摘要", "Summary"),
    "original": ("原文", "Original"),
    "concerns": ("涉及", "Concerns"),
    "text": ("正文", "Text"),
    "no": ("序号", "No."),
    "task": ("任务", "Task"),
    "milestones": ("进度节点与时限", "Milestones and deadlines"),
    "result": ("预期成果", "Expected result"),
    "responsible": ("责任单位", "Responsible units"),
    "holds": ("担任", "Holds"),
    "chains_not_listed": ("产业链名单未在文本中列出", "The chains are not listed in the text"),
    "field": ("字段", "Field"),
    "type": ("类型", "Type"),
    "required": ("必填", "Required"),
    "description": ("说明", "Description"),
    "unit_kind": ("单位类型", "Kind of unit"),
    "post": ("职务", "Post"),
    "unit_assignments": ("单位分工", "Units by role"),
    "dataset_chains_title": ("产业链及其链长、单位", "Chains, their chiefs and units"),
    "dataset_chains": ("各辖区的产业链：分组、链长、单位分工和出处。", "Every jurisdiction's chains: group, chiefs, units by role and source."),
    "dataset_units_title": ("单位及职责", "Units and their duties"),
    "dataset_units": ("链长制中的单位：类型、职责和负责的产业链。", "The units of the chain chief system: kind, duties and the chains they work on."),
    "dataset_people_title": ("人员及其担任的角色", "People and the roles they hold"),
    "dataset_people": ("政策文件中点名的人员：职务，以及在各产业链担任的角色。", "The people the documents name: post, and the role each holds on which chain."),
    "yes": ("是", "yes"),
    "no_value": ("否", "no"),
    "compare_projects": ("比较项目", "Compare projects"),
    "compare": ("比较", "Compare"),
    "compare_pick": ("加入比较", "Compare"),
    "compare_selected": ("已选 {n} 个项目（最多 4 个）", "{n} selected (up to 4)"),
    "compare_open": ("并排比较", "Compare side by side"),
    "compare_clear": ("清除", "Clear"),
    "compare_remove": ("移除", "Remove"),
    "compare_field": ("项目", "Field"),
    "compare_none": ("请在招商项目清单中勾选 2 至 4 个项目进行比较。", "Choose two to four projects in the list of "
                     "investment projects to compare them."),
    "compare_missing": ("以下项目已不在清单中：", "No longer in the list: "),
    "compare_needs_script": ("比较需要 JavaScript。每个项目都有自己的页面，可从招商项目清单进入。",
                             "Comparing needs JavaScript. Every project has its own page, reached from the list of "
                             "investment projects."),
    "download_view": ("下载当前筛选结果", "Download this view"),
    "view_file": ("筛选结果", "view"),
    "changes": ("链长变动记录", "Changes of chiefs"),
    "changes_note": ("每项分工自其依据的文件日期起注明；门户设定以修订记录为准后，此后每次内容修订中链长的变动按修订日期列出。",
                     "Each assignment is dated by the document it comes from; where the portal counts its content's "
                     "history as the record, each later change of a chief is listed on the date the content changed."),
    "change": ("变动", "Change"),
    "began": ("开始担任", "Began"),
    "ended": ("不再担任", "Ended"),
    "dated_by": ("日期依据", "Dated by"),
    "dated_by_document": ("文件日期", "document date"),
    "dated_by_history": ("内容修订记录", "content history"),
    "took_effect": ("起始日期", "Since"),
    "no_changes": ("暂无记录。", "Nothing recorded yet."),
    "feed_chiefs": ("链长变动", "Changes of chiefs"),
    "dataset_projects": ("{n} 个招商项目：名称、所属产业链与辖区、阶段、投资额、地点、园区、投资方、更新日期和网址。",
                         "{n} investment projects: name, chain, jurisdiction, stage, amount, location, zone, investor, "
                         "last update and address."),
    "dataset_chiefs": ("{j}各产业链的链长分工：分组、产业链、角色、担任者和出处。",
                       "Chief assignments of {j}: the group, chain, role, holder and source of each chain."),
    "file_location": ("文件位置", "Where the files are"),
    "one_per_file": ("每个文件一条记录", "one record per file"),
    "many_per_file": ("每个文件一个记录列表", "a list of records per file"),
    "json_schema": ("JSON Schema", "JSON Schema"),
    "example": ("示例", "Example"),
    "pull_request": ("拉取请求如何检查", "How a pull request is checked"),
    "responsible_for": ("负责的产业链", "Chains"),
    "investment": ("招商项目", "Investment projects"),
    "col_id": ("编号", "ID"),
    "col_url": ("网址", "Address"),
    "stage_kind": ("阶段类型", "Stage kind"),
    "investor": ("投资方/业主", "Investor or owner"),
    "leader": ("牵头链主企业", "Lead chain-leader enterprise"),
    "contact": ("联系单位", "Contact unit"),
    "updated": ("更新日期", "Last update"),
    "amount_unit": ("亿元", "CNY 100m"),
    "feed_all": ("招商项目更新", "Investment project updates"),
    "all": ("全部", "All"),
    "search_list": ("在列表中搜索", "Search the list"),
    "search": ("搜索", "Search"),
    "page_description": ("{page}：{site}", "{page}: {site}"),
    "feed_of_page": ("项目更新订阅", "Project updates (Atom)"),
    "search_portal": ("搜索本站", "Search the portal"),
    "search_hint": ("可输入词语的一部分，中英文均可：产业链、项目、单位、人员、政策文件。",
                    "Type any word, or part of a name, in English or Chinese: chains, projects, units, people, "
                    "policy documents."),
    "search_kind": ("类别", "Kind"),
    "search_place": ("辖区", "Jurisdiction"),
    "search_filters": ("筛选结果", "Narrow the results"),
    "search_found": ("找到 {n} 条结果", "{n} results"),
    "search_found_one": ("找到 1 条结果", "1 result"),
    "search_none": ("没有找到相关内容。可换一个词，或减少筛选条件。", "Nothing found. Try another word, or fewer filters."),
    "search_busy": ("正在搜索……", "Searching…"),
    "search_more": ("显示更多结果", "Show more results"),
    "search_failed": ("搜索暂时无法使用。请按导航浏览，或稍后再试。",
                      "Search is not available just now. Browse with the menu, or try again later."),
    "search_needs_script": ("搜索需要浏览器启用 JavaScript。也可按导航浏览各辖区、产业链和项目。",
                            "Search needs JavaScript in your browser. You can also browse jurisdictions, chains "
                            "and projects with the menu."),
    "amount_min": ("最小投资额（亿元）", "Minimum amount (CNY 100m)"),
    "amount_max": ("最大投资额（亿元）", "Maximum amount (CNY 100m)"),
    "shown": ("显示 {n} / {total} 个项目", "Showing {n} of {total} projects"),
    "shown_range": ("显示第 {from}–{to} 个，共 {n} 个项目符合（总计 {total} 个）",
                    "Showing {from}–{to} of {n} matching projects ({total} in all)"),
    "list_pending": ("正在准备完整列表，暂显示前 100 个项目。如长时间未出现筛选栏，可下载 CSV 查看全部。",
                     "Preparing the full list: the first 100 projects are shown meanwhile. If the filters do not "
                     "appear, the CSV download holds every project."),
    "pages": ("列表分页", "List pages"),
    "page_of": ("第 {page} 页，共 {pages} 页", "Page {page} of {pages}"),
    "previous_page": ("上一页", "Previous page"),
    "next_page": ("下一页", "Next page"),
    "reset": ("清除筛选", "Clear filters"),
    "download": ("下载", "Download"),
    "feed": ("订阅（Atom）", "Subscribe (Atom)"),
    "zones": ("承载园区", "Host zones"),
    "leaders": ("链主企业招商", "Chain leaders leading investment"),
    "data_catalog": ("数据目录", "Data catalog"),
    "licence": ("许可协议", "Licence"),
    "dataset": ("数据集", "Dataset"),
    "formats": ("格式", "Formats"),
    "no_js_list": ("未启用 JavaScript：下表列出全部项目，筛选和排序不可用。", "JavaScript is off: the table lists every project; filtering and sorting are not available."),
    "illustrative_list_note": ("本列表中的项目为演示招商清单功能而编写的示例数据；政策文件规定了清单的结构与目标，但未列出具体项目。",
                               "The projects in this list were made up to show the investment lists; the policy documents define the "
                               "list's structure and targets but name no project."),
    "gap": ("待补链", "gap to fill"),
    "no_local_enterprise": ("暂无本地企业", "No local enterprise yet"),
    "projects_strengthening": ("补强本环节的项目", "Projects strengthening it"),
    "more_enterprises": ("另有 {n} 家企业", "{n} more enterprises"),
    "more_projects": ("另有 {n} 个项目", "{n} more projects"),
    "open_page": ("打开页面", "Open its page"),
    "close": ("关闭", "Close"),
    "position": ("位置", "Position"),
    "chain_map_caption": ("从上游到下游的各环节，及其企业和补强项目；虚线框为无本地企业、待补链的环节。选择企业或项目可查看详情。",
                          "The segments from upstream to downstream, with their enterprises and the projects "
                          "strengthening them; a dashed box is a gap to fill, with no local enterprise. Select an enterprise "
                          "or a project to see its details."),
    "count_projects_axis": ("项目数", "Projects"),
    "by_stage": ("各阶段的项目数与投资额", "Projects and investment by stage"),
    "by_chain": ("各产业链的项目数与投资额", "Projects and investment by chain"),
    "chart_illustrative": ("{total} 个项目中 {n} 个为示例数据", "{n} of {total} projects are illustrative"),
    "in_portal": ("门户所列", "Listed in the portal"),
    "progress_caption": ("目标进度：门户所列数量占文件目标的比例", "Progress: what the portal lists, as a share of the documents' targets"),
    "share_reached": ("完成比例", "Share reached"),
    "progress_illustrative": ("所列数量含示例数据，不代表实际进度", "The listed figures include illustrative records and "
                              "are not actual progress"),
    "lon": ("经度", "Longitude"),
    "lat": ("纬度", "Latitude"),
    "base_map": ("底图", "Base map"),
    "approval": ("审图号", "map review number"),
    "no_approval": ("无", "none"),
    "illustrative_map": ("示例底图：示意图形，非真实行政边界，不得用于正式发布。", "illustrative base map: made-up shapes, "
                         "not real boundaries; not for publication."),
    "industrial_map": ("产业地图：各园区及其招商项目（圆面积表示投资额，颜色表示阶段）",
                       "Industrial map: zones and their projects (a bubble's area is its investment, its colour its stage)"),
    "schematic_caption": ("示意图，按经纬度定位，无底图，无需审图", "A schematic placed by longitude and latitude, with no base "
                          "map, so no map review is needed"),
    "data_table": ("数据表", "Data table"),
    "chart_noscript": ("图表需要 JavaScript；同样的数据见下表。", "The chart needs JavaScript; the same data is in the table."),
    "charts": ("图表", "Charts"),
    "sort_by": ("排序", "Sort by"),
}


def ui(key: str, lang: str) -> str:
    zh, en = STRINGS[key]
    return zh if lang == "zh" else en


def text_plain(value, lang: str) -> str:
    """Bilingual text as plain text; a missing English says so in brackets."""
    if value is None:
        return ""
    return value.get(lang) or f"{value.zh} ({ui('translation_pending', lang)})"


# --- how the two languages set words and numbers -----------------------------------------------

_SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "per", "the", "to",
                "vs", "via", "with", "from", "into"}


def title_case(text: str) -> str:
    """English in title case, as headings are: 'investor pool and project pool' → 'Investor Pool
    and Project Pool'. Words already holding a capital or a digit (5G, SMEs, iPhone) stay as written."""
    words = text.split(" ")
    result = []
    for i, word in enumerate(words):
        parts = word.split("-")
        for k, part in enumerate(parts):
            lead = len(part) - len(part.lstrip("\"'“‘(["))
            core = part[lead:]
            edge = (i == 0 and k == 0) or i == len(words) - 1
            if core[:1].islower() and \
                    not any(ch.isupper() or ch.isdigit() for ch in core) and (edge or core.lower() not in _SMALL_WORDS):
                parts[k] = part[:lead] + core[:1].upper() + core[1:]
        result.append("-".join(parts))
    return " ".join(result)


def sentence_case(text: str, lang: str) -> str:
    """English set where a label stands alone (a table cell, a list item) starts with a capital:
    content writes 'construction machinery' so that it reads well inside a sentence too."""
    return text[:1].upper() + text[1:] if lang == "en" and text[:1].islower() else text


def heading_ui(key: str, lang: str) -> str:
    """An interface string set as a heading."""
    text = ui(key, lang)
    return title_case(text) if lang == "en" else text


def heading(value, lang: str) -> str:
    """Text set as a heading: English in title case; Chinese as written."""
    text = text_plain(value, lang)
    return title_case(text) if lang == "en" and value is not None and value.get(lang) else text


# Chinese is set with full-width punctuation: 甲、乙 · 出处：… · 已动工（新建）.
LIST_SEPARATOR = {"zh": "、", "en": ", "}
COLON = {"zh": "：", "en": ": "}
SEMICOLON = {"zh": "；", "en": "; "}
DOCUMENT_TITLE = {"zh": "《{}》", "en": "{}"}          # a document's title in running text
PLACE_IN_DOCUMENT = {"zh": "{}", "en": ", {}"}        # 《…》附件2 / …, Annex 2
PARENTHESES = {"zh": "（{}）", "en": " ({})"}


def joined(items, lang: str) -> str:
    """A list of items in running text: 甲、乙、丙 / a, b, c."""
    return LIST_SEPARATOR[lang].join(items)


def colon(lang: str) -> str:
    return COLON[lang]


def parenthesised(text: str, lang: str) -> str:
    """A remark after a word: 已动工（新建） / ground broken (new)."""
    return PARENTHESES[lang].format(text)


def count(n: int, key: str, lang: str) -> str:
    """A number of things: '22 条产业链', '1 document', '3 documents'."""
    zh, singular, plural = COUNTS[key]
    if lang == "zh":
        return f"{n:,} {zh}"
    return f"{n:,} {singular if n == 1 else plural}"


COUNTS = {
    "chains": ("条产业链", "chain", "chains"),
    "people": ("位人员", "person", "people"),
    "units": ("个单位", "unit", "units"),
    "documents": ("份文件", "document", "documents"),
    "projects": ("个项目", "project", "projects"),
    "jurisdictions": ("个辖区", "jurisdiction", "jurisdictions"),
    "zones": ("个园区", "zone", "zones"),
    "enterprises": ("家企业", "enterprise", "enterprises"),
}


def amount(value: float | None) -> str:
    """An amount in 100 million yuan, as every page, chart table, feed and download shows it:
    two decimals, thousands separated (12.50, 1,230.00)."""
    return "" if value is None else f"{value:,.2f}"
