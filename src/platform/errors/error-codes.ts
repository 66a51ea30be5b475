/**
 * The one catalogue of error codes: a stable machine code, the HTTP status it maps to,
 * and the message shown to people (zh-CN first, English beside it).
 * Modules add their codes here so that every code has exactly one status and one wording.
 */
export const errorCodes = {
  // generic input
  VALIDATION_FAILED: { status: 400, zh: '输入内容不符合要求', en: 'Input is not valid' },
  MALFORMED_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'Request body is not valid JSON' },
  INVALID_DATE: {
    status: 400,
    zh: '日期格式不正确，应为 YYYY-MM-DD 的有效日期',
    en: 'Not a valid date (YYYY-MM-DD)',
  },
  TEXT_TOO_LONG: { status: 400, zh: '文字超过允许的长度', en: 'Text is too long' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'Payload too large' },
  NOT_FOUND: { status: 404, zh: '找不到所请求的内容', en: 'Not found' },
  // identity codes
  INVALID_ID_NUMBER: { status: 400, zh: '公民身份号码不正确', en: 'Invalid resident ID number' },
  INVALID_USCC: { status: 400, zh: '统一社会信用代码不正确', en: 'Invalid unified social credit code' },
  INVALID_PHONE: { status: 400, zh: '联系电话格式不正确', en: 'Invalid phone number' },
  // divisions
  UNKNOWN_DIVISION: {
    status: 400,
    zh: '行政区划代码不存在或在该日期无效',
    en: 'Unknown or inactive division code',
  },
  DIVISION_OUT_OF_SCOPE: {
    status: 403,
    zh: '该行政区划不在您的管辖范围内',
    en: 'Division is outside your jurisdiction',
  },
  // registry
  PERSON_NOT_FOUND: { status: 404, zh: '找不到该人员', en: 'Person not found' },
  PERSON_EXISTS: {
    status: 409,
    zh: '该公民身份号码已登记',
    en: 'A person with this ID number is already registered',
  },
  HOUSEHOLD_NOT_FOUND: { status: 404, zh: '找不到该家庭户', en: 'Household not found' },
  HOUSEHOLD_MEMBER_EXISTS: {
    status: 409,
    zh: '该人员已是此家庭户成员',
    en: 'Already a member of this household',
  },
  ENTERPRISE_NOT_FOUND: { status: 404, zh: '找不到该企业', en: 'Enterprise not found' },
  ENTERPRISE_EXISTS: {
    status: 409,
    zh: '该统一社会信用代码已登记',
    en: 'An enterprise with this credit code is already registered',
  },
  UNKNOWN_FACT: { status: 400, zh: '未知的事实项', en: 'Unknown fact' },
  INVALID_FACT_VALUE: { status: 400, zh: '事实项的值类型不正确', en: 'Wrong type for this fact' },
  INVALID_PERIOD: {
    status: 400,
    zh: '有效期不正确：结束日期须晚于开始日期',
    en: 'validTo must be after validFrom',
  },
  SEARCH_CRITERIA_REQUIRED: {
    status: 400,
    zh: '请提供身份号码，或姓名及行政区划，或家庭户编号',
    en: 'Give an ID number, or a name and a division, or a household id',
  },
  // rules
  UNKNOWN_PROGRAMME: { status: 400, zh: '未知的政策项目', en: 'Unknown programme' },
  UNKNOWN_PARAMETER: { status: 400, zh: '未知的政策参数', en: 'Unknown parameter' },
  INVALID_PARAMETER: { status: 400, zh: '政策参数的值类型不正确', en: 'Wrong type for this parameter' },
  PARAMETER_OUT_OF_LIMITS: {
    status: 400,
    zh: '政策参数超出文件规定的限度',
    en: 'Parameter outside the limits the policy text sets',
  },
  INVALID_CASE: {
    status: 400,
    zh: '案例须包含日期，以及个人（person）或企业（enterprise）之一',
    en: 'A case needs a date and exactly one of person or enterprise',
  },
  PACK_INVALID: { status: 400, zh: '政策包校验未通过', en: 'Policy pack is not valid' },
  PACK_NOT_FOUND: { status: 404, zh: '找不到该政策包版本', en: 'Policy pack version not found' },
  // services
  ALREADY_REGISTERED_UNEMPLOYED: {
    status: 409,
    zh: '该人员已有未终止的失业登记',
    en: 'The person already has an open unemployment registration',
  },
  NOT_ELIGIBLE_FOR_REGISTRATION: {
    status: 422,
    zh: '不符合失业登记条件',
    en: 'Does not meet the conditions for unemployment registration',
  },
  FACTS_REQUIRED: { status: 422, zh: '尚缺少办理所需的信息', en: 'Facts are missing for this decision' },
  REGISTRATION_NOT_FOUND: { status: 404, zh: '找不到该失业登记', en: 'Unemployment registration not found' },
  // applications (review chain, limits, materials)
  PROGRAMME_NOT_APPLICABLE: {
    status: 400,
    zh: '该项目不通过申请办理（计算器，或另有办理程序）',
    en: 'This programme is not applied for here',
  },
  APPLICANT_REQUIRED: {
    status: 400,
    zh: '窗口代办须指明申请人',
    en: 'Name the applicant when applying at a desk',
  },
  AUDIENCE_MISMATCH: {
    status: 400,
    zh: '申请人类型与项目的申请对象不符',
    en: 'The programme is not for this kind of applicant',
  },
  APPLICATION_NOT_FOUND: { status: 404, zh: '找不到该申请', en: 'Application not found' },
  APPLICATION_OPEN_EXISTS: {
    status: 409,
    zh: '该申请人已有同一项目正在办理的申请',
    en: 'An application for this programme is already open',
  },
  APPLICATION_NOT_EDITABLE: {
    status: 409,
    zh: '申请当前的状态不允许此操作',
    en: 'The application is not in a state that allows this',
  },
  NOT_ELIGIBLE: { status: 422, zh: '不符合申请条件', en: 'Does not meet the conditions' },
  PROVISIONAL_AMOUNT: {
    status: 409,
    zh: '补贴标准待市政府确定，当前金额为占位值，不得据以发放',
    en: 'The amount is a placeholder the city has not set: it cannot be approved for payment',
  },
  LIMIT_REACHED: {
    status: 409,
    zh: '超出政策规定的享受次数或期限',
    en: 'The limit across applications is reached',
  },
  NOT_YOUR_STEP: {
    status: 403,
    zh: '该申请当前不在您的办理环节',
    en: 'The application is not at a step of yours',
  },
  COMMENT_REQUIRED: { status: 400, zh: '退回或不予批准须写明理由', en: 'Give the reasons' },
  NOT_IN_NOTICE: {
    status: 409,
    zh: '该申请当前不在公示期',
    en: 'The application is not under public notice',
  },
  NOTICE_NOT_ENDED: { status: 409, zh: '公示期未满，不能结束公示', en: 'The public notice has not ended' },
  OBJECTIONS_UNRESOLVED: {
    status: 409,
    zh: '公示期间的异议尚未全部处理',
    en: 'Objections raised during the notice are not all resolved',
  },
  OBJECTION_UPHELD: {
    status: 409,
    zh: '公示异议成立，只能退回或不予批准',
    en: 'An objection was upheld: return or reject',
  },
  OBJECTION_NOT_FOUND: {
    status: 404,
    zh: '找不到该异议或已处理',
    en: 'Objection not found or already resolved',
  },
  REFERRAL_NOT_APPLICABLE: {
    status: 400,
    zh: '只有临时生活补助的申请可以从申请转介民政部门',
    en: 'Only temporary-living-allowance cases are referred from an application',
  },
  DECISION_CHANGED: {
    status: 409,
    zh: '按今日信息重新测算的结果与申请时不同，请核对差异并确认',
    en: 'The decision on today’s facts differs from the one submitted; acknowledge the differences',
  },
  // funds (budgets, ledger, payment batches, spot checks)
  FUND_NOT_FOUND: { status: 404, zh: '找不到该资金', en: 'Fund not found' },
  FUND_BUDGET_EXHAUSTED: {
    status: 422,
    zh: '资金预算不足，不能承诺此笔资金',
    en: 'Not enough budget left in the fund for this commitment',
  },
  FUND_BUDGET_OVERDRAWN: {
    status: 422,
    zh: '资金预算已超支（该资金设置为超支时提示）',
    en: 'The budget is overdrawn (the fund is set to warn)',
  },
  FUND_ALREADY_COMMITTED: {
    status: 409,
    zh: '该申请的此项资金已承诺过，不能重复承诺',
    en: 'This part of the application has already been committed',
  },
  FUND_COMMITMENT_NOT_FOUND: { status: 404, zh: '找不到该申请的资金承诺', en: 'Commitment not found' },
  FUND_COMMITMENT_STATE: {
    status: 409,
    zh: '资金承诺当前的状态不允许此操作',
    en: 'The commitment is not in a state that allows this',
  },
  BUDGET_BELOW_USED: {
    status: 422,
    zh: '预算不能低于已承诺和已支付的金额',
    en: 'A budget cannot be set below what is already committed or paid',
  },
  PAYMENT_BATCH_NOT_FOUND: { status: 404, zh: '找不到该发放批次', en: 'Payment batch not found' },
  PAYMENT_BATCH_EMPTY: {
    status: 422,
    zh: '没有可编入批次的已审批未发放明细',
    en: 'No approved, unpaid items to put in a batch',
  },
  PAYMENT_BATCH_STATE: {
    status: 409,
    zh: '发放批次当前的状态不允许此操作',
    en: 'The payment batch is not in a state that allows this',
  },
  PAYMENT_RESULT_INVALID: {
    status: 400,
    zh: '发放结果不正确',
    en: 'Payment results are not valid',
  },
  SPOT_CHECK_NOT_FOUND: { status: 404, zh: '找不到该抽查记录', en: 'Spot check not found' },
  SPOT_CHECK_STATE: {
    status: 409,
    zh: '抽查记录当前的状态不允许此操作',
    en: 'The spot check is not in a state that allows this',
  },
  RECOVERY_EXCEEDS: {
    status: 422,
    zh: '追回金额超出可追回的金额',
    en: 'The recovery is more than can be recovered',
  },
  // notifications and referrals
  NOTIFICATION_NOT_FOUND: { status: 404, zh: '找不到该消息', en: 'Notification not found' },
  REFERRAL_NOT_FOUND: { status: 404, zh: '找不到该转介', en: 'Referral not found' },
  REFERRAL_CLOSED: {
    status: 409,
    zh: '该转介已办结，不能再答复',
    en: 'The referral has been answered and is closed',
  },
  REFERRAL_ALREADY_OPEN: {
    status: 409,
    zh: '该人员已有同类未办结的转介',
    en: 'The person already has an open referral of this kind',
  },
  REFERRAL_NOT_AWAITING_INFORMATION: {
    status: 409,
    zh: '民政部门未要求补充材料，无需补充',
    en: 'Civil affairs has not asked for more information on this referral',
  },
  MATERIAL_TYPE_NOT_ALLOWED: {
    status: 415,
    zh: '材料文件类型不符合要求：只接受 PDF、JPEG、PNG 文件（按文件内容判断，而非文件名）',
    en: 'Material type not allowed: only PDF, JPEG and PNG (judged from the content, not the name)',
  },
  MATERIAL_TOO_LARGE: { status: 413, zh: '材料文件超过大小限制', en: 'Material file is too large' },
  MATERIAL_NOT_FOUND: { status: 404, zh: '找不到该材料文件', en: 'Material not found' },
  MATERIAL_CHECKSUM_MISMATCH: {
    status: 500,
    zh: '材料文件校验失败，文件可能已损坏，请联系系统管理员',
    en: 'Material file does not match its checksum (damaged)',
  },
  // access
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Login required' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，账号已临时锁定，请稍后再试',
    en: 'Too many failed logins; the account is locked for a while',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'Account disabled' },
  TOO_MANY_REQUESTS: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests' },
  CSRF_FAILED: {
    status: 403,
    zh: '请求校验失败，请刷新页面后重试',
    en: 'CSRF token missing or wrong; reload the page and retry',
  },
  FORBIDDEN: { status: 403, zh: '您没有进行此操作的权限', en: 'Not allowed for your role' },
  REASON_REQUIRED: {
    status: 400,
    zh: '查看完整信息须填写事由',
    en: 'A reason is required to reveal full data',
  },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'Username already taken' },
  WEAK_PASSWORD: {
    status: 400,
    zh: '密码至少 10 位，且须包含字母和数字',
    en: 'Password needs 10+ characters with letters and digits',
  },
  ROLE_DIVISION_MISMATCH: {
    status: 400,
    zh: '该角色须绑定到相应层级的行政区划',
    en: 'This role must be bound to a division of the matching level',
  },
  // database / runtime
  DATA_DIR_LOCKED: {
    status: 503,
    zh: '数据目录正被另一个进程使用',
    en: 'The data folder is in use by another process',
  },
  CONFLICT: { status: 409, zh: '数据已被他人修改，请刷新后重试', en: 'Concurrent change; reload and retry' },
  INTERNAL: { status: 500, zh: '系统内部错误，请稍后再试', en: 'Internal error' },
  // complaints
  COMPLAINT_NOT_FOUND: {
    status: 404,
    zh: '找不到该投诉建议：请核对编号和查询码',
    en: 'Complaint not found (check the reference and the follow code)',
  },
  COMPLAINT_ALREADY_ANSWERED: {
    status: 409,
    zh: '该投诉建议已答复，不能再次答复',
    en: 'This complaint has already been answered',
  },
  // registry import
  IMPORT_FILE_UNREADABLE: {
    status: 400,
    zh: '导入文件无法读取，应为 .xlsx 或 CSV（UTF-8 或 GB18030）',
    en: 'The import file cannot be read (.xlsx or CSV in UTF-8 or GB18030)',
  },
  IMPORT_HEADER_MISSING: {
    status: 400,
    zh: '导入文件第1行缺少必需的列，未导入任何数据',
    en: 'The first row lacks required headers; nothing was imported',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCodes;
