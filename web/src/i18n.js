// Interface text. Chinese is the default; every key has both languages so a
// missing translation shows up as the key itself in review, not silently.

const zh = {
  title: '长三角科创合作网络',
  subtitle: '政策文本中的区域、走廊、平台、飞地与机构',
  searchPlaceholder: '搜索名称、别名或拼音(如 xinchang)',
  noMatches: '没有匹配的实体',
  modeExplore: '探索',
  modePath: '路径',
  modeCoop: '区域合作',
  filters: '筛选',
  entityKinds: '实体类型',
  relationKinds: '关系类型',
  status: '状态',
  statusAll: '全部',
  year: '文件年份',
  yearAll: '全部年份',
  layout: '布局',
  layoutForce: '力导向',
  layoutConcentric: '同心圆',
  layoutHierarchy: '层次',
  relayout: '重新布局',
  exportTitle: '导出当前视图',
  exportPNG: 'PNG 图片',
  exportGraphML: 'GraphML',
  exportCSV: 'CSV',
  serverExportAll: '服务器导出整个图:',
  serverExportSel: '服务器导出{name}的一度邻域:',
  legend: '图例',
  planned: '规划(虚线)',
  established: '已建立(实线)',
  pathFrom: '起点',
  pathTo: '终点',
  pathFind: '查找最短路径',
  pathNone: '在 {hops} 步之内没有找到路径。',
  pathCount: '找到 {n} 条最短路径,长度 {len}。',
  pathPick: '请选择起点和终点。',
  coopIntro: '只显示区域;两区域之间的连线表示直接合作或通过共同的走廊、飞地、平台、伙伴相连,线宽为联系数量。',
  coopLoaded: '{regions} 个区域,{ties} 对联系。',
  coopTies: '联系',
  coopDirect: '直接合作',
  coopVia: '经由',
  coopWidth: '线宽 = 联系数量',
  kind: '类型',
  level: '行政级别',
  code: '区划代码',
  aliases: '别名',
  degree: '关系数',
  relations: '关系',
  evidence: '证据',
  noEvidence: '没有证据',
  confidence: '置信度',
  stageRule: '规则',
  stageModel: '模型',
  stageCurated: '人工',
  expand: '展开邻居',
  pin: '固定',
  unpin: '取消固定',
  remove: '移除',
  setFrom: '设为起点',
  setTo: '设为终点',
  showCoop: '查看区域合作',
  close: '关闭',
  loading: '正在加载…',
  loadingStart: '正在加载起始视图…',
  ready: '就绪',
  apiDown: '无法连接到数据接口 /graphql:{msg}。请确认 collabgraph serve 正在运行,然后刷新页面。',
  apiHTTP: '数据接口返回错误:{msg}',
  apiGraphQL: '查询失败:{msg}',
  emptyGraph: '数据库中还没有实体。请先用 collabgraph serve 加载文件。',
  emptyView: '当前视图为空:搜索一个实体,或放宽筛选条件。',
  allHidden: '所有元素都被筛选条件隐藏了。',
  notFound: '找不到实体 {id}。',
  truncated: '邻居过多,只显示了一部分。',
  viewCount: '{nodes} 个节点,{edges} 条关系',
  startHint: '起始视图:关系最多的实体及其邻居。单击节点查看详情,双击展开邻居。',
  shareHint: '地址栏中的链接可以分享当前视图。',
  lang: 'English',
  docUndated: '日期不详',
  loadErrors: '{n} 个文件未能加载,图中缺少它们的内容',
  outgoing: '→',
  incoming: '←',
  selectHint: '单击节点或关系查看详情。',
};

const en = {
  title: 'Yangtze River Delta innovation cooperation network',
  subtitle: 'Regions, corridors, platforms, enclaves and institutions in policy texts',
  searchPlaceholder: 'Search names, aliases or pinyin (e.g. xinchang)',
  noMatches: 'No matching entity',
  modeExplore: 'Explore',
  modePath: 'Paths',
  modeCoop: 'Cooperation',
  filters: 'Filters',
  entityKinds: 'Entity kinds',
  relationKinds: 'Relation kinds',
  status: 'Status',
  statusAll: 'All',
  year: 'Document year',
  yearAll: 'All years',
  layout: 'Layout',
  layoutForce: 'Force',
  layoutConcentric: 'Concentric',
  layoutHierarchy: 'Hierarchy',
  relayout: 'Re-run layout',
  exportTitle: 'Export the current view',
  exportPNG: 'PNG image',
  exportGraphML: 'GraphML',
  exportCSV: 'CSV',
  serverExportAll: 'The whole graph, exported by the server:',
  serverExportSel: 'The neighbourhood of {name}, exported by the server:',
  legend: 'Legend',
  planned: 'planned (dashed)',
  established: 'established (solid)',
  pathFrom: 'From',
  pathTo: 'To',
  pathFind: 'Find shortest paths',
  pathNone: 'No path within {hops} hops.',
  pathCount: '{n} shortest path(s) of length {len}.',
  pathPick: 'Pick both ends first.',
  coopIntro: 'Regions only. A line joins two regions that cooperate directly or through a shared corridor, enclave, platform or partner; its width is the number of links.',
  coopLoaded: '{regions} regions, {ties} linked pairs.',
  coopTies: 'Links',
  coopDirect: 'direct cooperation',
  coopVia: 'via',
  coopWidth: 'line width = number of links',
  kind: 'Kind',
  level: 'Level',
  code: 'Code',
  aliases: 'Aliases',
  degree: 'Relations',
  relations: 'Relations',
  evidence: 'Evidence',
  noEvidence: 'No evidence',
  confidence: 'confidence',
  stageRule: 'rule',
  stageModel: 'model',
  stageCurated: 'curated',
  expand: 'Expand neighbours',
  pin: 'Pin',
  unpin: 'Unpin',
  remove: 'Remove',
  setFrom: 'Path from here',
  setTo: 'Path to here',
  showCoop: 'Cooperation of this region',
  close: 'Close',
  loading: 'Loading…',
  loadingStart: 'Loading the start view…',
  ready: 'Ready',
  apiDown: 'Cannot reach the data API at /graphql: {msg}. Check that collabgraph serve is running, then reload.',
  apiHTTP: 'The data API answered with an error: {msg}',
  apiGraphQL: 'The query failed: {msg}',
  emptyGraph: 'The store holds no entities yet. Load documents with collabgraph serve first.',
  emptyView: 'The view is empty: search for an entity or loosen the filters.',
  allHidden: 'The filters hide everything in the view.',
  notFound: 'No entity {id}.',
  truncated: 'Too many neighbours: only part of them is shown.',
  viewCount: '{nodes} nodes, {edges} relations',
  startHint: 'Start view: the entities with most relations and their neighbours. Click a node for details, double-click to expand.',
  shareHint: 'The address bar link restores this view.',
  lang: '中文',
  docUndated: 'undated',
  loadErrors: '{n} document(s) could not be loaded and are missing from the graph',
  outgoing: '→',
  incoming: '←',
  selectHint: 'Click a node or a relation for details.',
};

const kindNames = {
  zh: { REGION: '区域', CORRIDOR: '走廊', PLATFORM: '平台', ENCLAVE: '飞地', INSTITUTION: '机构', ENTERPRISE: '企业', ALLIANCE: '联盟' },
  en: { REGION: 'Region', CORRIDOR: 'Corridor', PLATFORM: 'Platform', ENCLAVE: 'Enclave', INSTITUTION: 'Institution', ENTERPRISE: 'Enterprise', ALLIANCE: 'Alliance' },
};

const relationNames = {
  zh: { PART_OF: '隶属', LOCATED_IN: '位于', JOINS: '加入', OPERATES: '运营', COOPERATES_WITH: '合作', BUILDS: '建设' },
  en: { PART_OF: 'part of', LOCATED_IN: 'located in', JOINS: 'joins', OPERATES: 'operates', COOPERATES_WITH: 'cooperates with', BUILDS: 'builds' },
};

const statusNames = {
  zh: { PLANNED: '规划', ESTABLISHED: '已建立' },
  en: { PLANNED: 'planned', ESTABLISHED: 'established' },
};

const levelNames = {
  zh: { province: '省', city: '市', district: '区', county: '县', 'county-level city': '县级市', town: '镇', street: '街道', macro: '跨省区域', country: '国家' },
  en: {},
};

const tables = { zh, en };

let lang = 'zh';

export function setLang(l) {
  lang = l === 'en' ? 'en' : 'zh';
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function getLang() {
  return lang;
}

// t looks up key and fills {name} placeholders from vars.
export function t(key, vars = {}) {
  const s = tables[lang][key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k in vars ? String(vars[k]) : `{${k}}`));
}

export const kindName = (k) => kindNames[lang][k] ?? k;
export const relationName = (k) => relationNames[lang][k] ?? k;
export const statusName = (s) => statusNames[lang][s] ?? s;
export const levelName = (l) => (l ? levelNames[lang][l] ?? l : '');
