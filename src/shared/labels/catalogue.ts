/**
 * One catalogue of the words people read for the system's codes (issue 13): facts, their sources,
 * audit actions, statuses, roles and other codes, zh-CN first with English beside. Every page and
 * every API message that names a code takes its words from here (labelOf, GET /api/v1/labels).
 * Parameters and programmes are named by the policy pack itself; the endpoint adds them.
 * A new code (an audit action, a status, a fact) gets its label here: labels.test.ts fails otherwise.
 */
export interface Label {
  zh: string;
  en: string;
}
type Table = Record<string, Label>;
const l = (zh: string, en: string): Label => ({ zh, en });

/** Facts by dotted path (rules contract, registry-only facts). Nested persons compose (see lookup.ts). */
const fact: Table = {
  idNumber: l('公民身份号码', 'ID number'),
  birthDate: l('出生日期', 'Date of birth'),
  sex: l('性别', 'Sex'),
  residenceDivision: l('常住地', 'Place of residence'),
  education: l('最高学历', 'Highest education'),
  leftSchoolOn: l('毕业离校日期', 'Left school on'),
  employed: l('目前就业', 'Employed now'),
  registeredUnemployed: l('已办理失业登记', 'Registered unemployed'),
  contractEndedOn: l('劳动合同终止（解除）日期', 'Labour contract ended on'),
  unemploymentInsuranceEligible: l('符合领取失业保险金条件', 'Eligible for unemployment insurance benefit'),
  insuredMonths: l('累计缴纳失业保险月数', 'Months of unemployment insurance paid'),
  employmentDifficulty: l('已认定为就业困难人员', 'Identified as having employment difficulty'),
  disabled: l('残疾人', 'Disabled'),
  ableToWork: l('有劳动能力', 'Able to work'),
  lowIncomeFamily: l('低保家庭成员', 'Member of a minimum-living-allowance (低保) family'),
  poorDisabledFamily: l('贫困残疾人家庭成员', 'Member of a poor family with a disabled person'),
  registeredPoor: l('建档立卡贫困家庭成员', 'Member of a registered poor household'),
  extremePoverty: l('特困人员', 'In extreme poverty (特困)'),
  martyrChild: l('烈士子女', 'Child of a martyr'),
  zeroEmploymentFamily: l('零就业家庭成员', 'Member of a zero-employment family'),
  deCapacityWorker: l('去产能职工', 'Worker laid off in capacity reduction'),
  ruralTransferLabour: l('农村转移就业劳动者', 'Rural labourer moving into work'),
  enrolledStudent: l('全日制在校学生', 'Full-time student'),
  veteran: l('退役军人', 'Veteran'),
  hardshipTier: l('困难等级', 'Hardship tier'),
  publicWelfarePost: l('公益性岗位', 'Public welfare post'),
  'publicWelfarePost.months': l('在公益性岗位工作月数', 'Months in a public welfare post'),
  training: l('培训', 'Training'),
  'training.catalogItem': l('培训项目（目录名称）', 'Training course (catalogue item)'),
  'training.standardAmount': l('培训补贴标准（元）', 'Subsidy standard of the course (yuan)'),
  'training.feePaid': l('实际缴纳培训费（元）', 'Training fee paid (yuan)'),
  'training.paidBySelf': l('培训费由本人缴纳', 'Fee paid by the trainee'),
  'training.passed': l('取得培训合格证书', 'Passed the training'),
  'training.daysAttended': l('实际参加培训天数', 'Days of training attended'),
  'training.startedOn': l('培训开始日期', 'Training started on'),
  'training.endedOn': l('培训结束日期', 'Training ended on'),
  'training.choseUnemploymentBenefit': l(
    '培训期间选择领取失业保险金',
    'Chose unemployment benefit during training',
  ),
  certificate: l('职业资格（技能等级）证书', 'Certificate'),
  'certificate.kind': l('证书类别', 'Kind of certificate'),
  'certificate.occupation': l('职业（工种）', 'Occupation'),
  'certificate.level': l('证书等级', 'Certificate level'),
  'certificate.obtainedOn': l('取得证书日期', 'Certificate obtained on'),
  talent: l('人才信息', 'Talent details'),
  'talent.category': l('人才类型', 'Talent category'),
  'talent.arrivedOn': l('来凌源工作日期', 'Came to work in Lingyuan on'),
  'talent.firstHomeInLingyuan': l('在凌源首次购房自住', 'First home bought in Lingyuan, to live in'),
  business: l('本人创业', 'Own start-up'),
  'business.registeredInLingyuan': l('企业（个体工商户）在凌源市登记注册', 'Business registered in Lingyuan'),
  'business.rentPaidYearly': l('经营场地本年度已付租金（元）', 'Rent paid for the premises this year (yuan)'),
  'business.highTech': l('高新技术创业项目', 'High-tech start-up'),
  'business.loanTargetGroup': l('创业担保贷款扶持对象', 'Target group for start-up guaranteed loans'),
  history: l('已享受的政策', 'Support already granted'),
  'history.programme': l('政策项目', 'Programme'),
  'history.date': l('享受日期', 'Granted on'),
  'history.key': l('享受事项', 'Item granted'),
  uscc: l('统一社会信用代码', 'Unified social credit code'),
  size: l('企业规模', 'Enterprise size'),
  employees: l('职工人数', 'Number of employees'),
  insured: l('依法参加失业保险', 'Insured for unemployment'),
  premiumArrears: l('欠缴社会保险费', 'Premiums in arrears'),
  insuredEmployees: l('上年度平均参保职工人数', 'Insured employees last year (average)'),
  laidOffLastYear: l('上年度裁员人数', 'Employees laid off last year'),
  unemploymentPremiumPaidLastYear: l(
    '上年度实际缴纳失业保险费（元）',
    'Unemployment premium paid last year (yuan)',
  ),
  temporaryDifficulty: l('面临暂时性生产经营困难', 'In temporary difficulty'),
  socialInsuranceDueMonthly: l('每月应缴社会保险费（元）', 'Social insurance due each month (yuan)'),
  apprenticeship: l('学徒制培训', 'Apprenticeship'),
  'apprenticeship.apprentices': l('学徒人数', 'Number of apprentices'),
  'apprenticeship.years': l('学徒培训年限（年）', 'Apprenticeship length (years)'),
  'apprenticeship.stage': l('申请阶段', 'Stage'),
  onJobTraining: l('在职职工培训', 'On-the-job training'),
  'onJobTraining.totalSpent': l('在职职工培训实际支出（元）', 'Spent on training employees (yuan)'),
  'onJobTraining.educationFund': l('其中职工教育经费（元）', 'Of which the employee education fund (yuan)'),
  educationExpense: l('职工教育经费', 'Employee education expense'),
  'educationExpense.totalWages': l('工资薪金总额（元）', 'Total wages (yuan)'),
  'educationExpense.spent': l('职工教育经费支出（元）', 'Employee education spending (yuan)'),
  'educationExpense.carriedForward': l('以前年度结转（元）', 'Carried forward from earlier years (yuan)'),
  incubator: l('创业孵化载体', 'Start-up incubator'),
  'incubator.recognised': l('经认定的创业孵化载体', 'Recognised start-up incubator'),
  'incubator.entities': l('入驻孵化的创业实体数', 'Businesses incubated'),
  'incubator.jobsCreated': l('带动就业人数', 'Jobs created'),
  'incubator.unemployedFoundersSupported': l('扶持失业人员创业人数', 'Unemployed founders supported'),
  'incubator.freeSpaceYears': l('免费提供场地年数', 'Years of free space provided'),
  internship: l('就业见习', 'Internship'),
  'internship.intern': l('见习人员', 'Intern'),
  'internship.months': l('见习期限（月）', 'Internship length (months)'),
  'internship.livingAllowanceMonthly': l(
    '每月支付见习人员基本生活费（元）',
    'Monthly living allowance paid to the intern (yuan)',
  ),
  'internship.startedOn': l('见习开始日期', 'Internship started on'),
  'internship.unitRetentionRate': l('见习期满留用率', 'Share of interns kept on'),
  poorLabourers: l('吸纳的贫困劳动力', 'Poor labourers employed'),
  'poorLabourers.person': l('贫困劳动力', 'Poor labourer'),
  'poorLabourers.months': l('吸纳就业月数', 'Months employed'),
  'poorLabourers.employerContributionMonthly': l(
    '单位每月缴纳社会保险费（元）',
    'Employer contribution each month (yuan)',
  ),
  newTargetGroupHires: l('新招用符合条件人员', 'New hires from the target groups'),
  'newTargetGroupHires.count': l('新招用符合条件人员人数', 'Eligible people newly hired'),
  'newTargetGroupHires.allContractsAtLeastOneYear': l(
    '均签订一年以上劳动合同',
    'All on contracts of a year or more',
  ),
  // Registry-only facts (department lists; no programme reads them).
  insuredEmployee: l('以职工身份参保缴费', 'Paying contributions as an employee'),
  deceased: l('已死亡（死亡名单）', 'Deceased (list of deaths)'),
  marketEntityRegistered: l('在市场主体名录中', 'In the market-entity register'),
};

/** Where a fact came from (facts' `source.kind`, assembled sources). */
const factSource: Table = {
  self: l('本人申报', 'Declared by the person'),
  staff: l('经办人员录入', 'Entered by an officer'),
  department: l('部门共享数据', 'Shared by a department'),
  system: l('本系统认定', 'Established by this system'),
  registry: l('实名登记', 'Registry'),
  declared: l('申请人申报', 'Declared by the applicant'),
  applications: l('本系统已批准的申请', 'Approved applications'),
};

/** Fixed source references the system writes (department lists carry their own Chinese reference). */
const factSourceRef: Table = {
  persons: l('实名登记信息', 'The registry record'),
  'persons (from the ID number)': l('由公民身份号码得出', 'From the ID number'),
  applications: l('本系统已批准的申请', 'Approved applications'),
};

/** Application events (the timeline); each is also audited as `application.<event>`. */
const applicationEvent: Table = {
  created: l('创建申请', 'Application created'),
  edited: l('修改申报内容', 'Declaration changed'),
  materialAdded: l('上传材料', 'Material uploaded'),
  submitted: l('提交申请', 'Submitted'),
  resubmitted: l('补正后重新提交', 'Submitted again after correction'),
  withdrawn: l('撤回申请', 'Withdrawn'),
  approvedStep: l('审核通过，转下一环节', 'Approved at this step, passed on'),
  approved: l('批准', 'Approved'),
  returned: l('退回补正', 'Returned for correction'),
  rejected: l('不予批准', 'Rejected'),
  objectionRaised: l('公示期间收到异议', 'Objection raised during the public notice'),
  objectionResolved: l('异议已处理', 'Objection resolved'),
  referred: l('转介民政部门', 'Referred to civil affairs'),
};

/** What a reviewer does to a case (the review request's `action`). */
const reviewAction: Table = {
  approve: l('审核通过', 'Approve'),
  return: l('退回补正', 'Return for correction'),
  reject: l('不予批准', 'Reject'),
};

const auditAction: Table = {
  login: l('登录', 'Signed in'),
  'login.failed': l('登录失败', 'Failed sign-in'),
  'login.locked': l('登录失败，账号锁定', 'Failed sign-in, account locked'),
  logout: l('退出登录', 'Signed out'),
  'account.create': l('新建账号', 'Account created'),
  'account.disable': l('停用账号', 'Account disabled'),
  'account.enable': l('启用账号', 'Account enabled'),
  'account.unlock': l('解除锁定', 'Lockout lifted'),
  'account.resetPassword': l('重置密码', 'Password reset'),
  'person.create': l('登记人员', 'Person registered'),
  'person.update': l('修改人员信息', 'Person updated'),
  'person.reveal': l('查看完整个人信息', 'Full personal data viewed'),
  'person.assembleFacts': l('汇集人员信息用于审核', 'Facts gathered for a decision'),
  'person.readPayee': l('读取收款人信息', 'Payee details read'),
  'enterprise.create': l('登记企业', 'Enterprise registered'),
  'enterprise.readPayee': l('读取收款单位信息', 'Payee enterprise details read'),
  'household.create': l('登记家庭户', 'Household registered'),
  'household.addMember': l('家庭户添加成员', 'Household member added'),
  'household.removeMember': l('家庭户移除成员', 'Household member removed'),
  'fact.set': l('登记信息变更', 'Fact recorded'),
  'fact.list': l('查看登记信息', 'Facts listed'),
  'registry.seed': l('载入演示人员库', 'Demonstration registry loaded'),
  'registry.import': l('批量导入人员', 'Persons imported'),
  'rules.pack.load': l('载入政策包', 'Policy pack loaded'),
  'rules.pack.activate': l('启用政策包', 'Policy pack activated'),
  'rules.scan': l('政策找人扫描', 'Outreach scan'),
  'rules.simulate': l('政策测算', 'Policy simulation'),
  'finding.notify': l('政策找人：通知对象', 'Outreach findings notified'),
  'funds.budget.set': l('设定预算', 'Budget set'),
  'funds.commit': l('占用预算', 'Budget committed'),
  'funds.releasePart': l('释放预算占用', 'Part of a commitment released'),
  'funds.cancelCommitment': l('取消预算占用', 'Commitment cancelled'),
  'paymentBatch.create': l('制作发放批次', 'Payment batch made'),
  'paymentBatch.built': l('发放批次编制完成', 'Payment batch built'),
  'paymentBatch.roster': l('查看发放名册', 'Payment roster viewed'),
  'paymentBatch.roster.reveal': l('查看完整发放名册', 'Full payment roster viewed'),
  'paymentBatch.disburse': l('发放', 'Disbursed'),
  'paymentBatch.disburse.start': l('开始发放', 'Disbursement started'),
  'paymentBatch.disburse.done': l('发放完成', 'Disbursement finished'),
  'paymentBatch.held': l('发放暂缓', 'Payment held'),
  'paymentBatch.failed': l('发放失败', 'Payment failed'),
  'paymentBatch.send': l('报送银行', 'Sent to the bank'),
  'paymentBatch.send.start': l('开始报送银行', 'Sending to the bank started'),
  'paymentBatch.send.done': l('报送银行完成，待回盘', 'Sent to the bank, awaiting results'),
  'payment.hold': l('暂停支付', 'Payment put on hold'),
  'payment.hold.release': l('解除暂停支付', 'Payment hold released'),
  'spotCheck.rate.set': l('设定抽查比例', 'Spot-check rate set'),
  'spotCheck.draw': l('抽取抽查对象', 'Spot check drawn'),
  'spotCheck.result': l('登记抽查结果', 'Spot-check result recorded'),
  'spotCheck.recovered': l('登记追回', 'Recovery recorded'),
  'spotCheck.recoveryClaim': l('确定应追回金额', 'Amount to recover set'),
  'referral.create': l('转介民政', 'Referred to civil affairs'),
  'referral.answer': l('答复转介', 'Referral answered'),
  'referral.supplyInformation': l('补充转介材料', 'Referral information supplied'),
  'unemploymentRegistration.create': l('办理失业登记', 'Unemployment registered'),
  'unemploymentRegistration.end': l('注销失业登记', 'Unemployment registration ended'),
  'employmentRegistration.create': l('办理就业登记', 'Employment registered'),
  'complaint.send': l('收到投诉建议', 'Complaint received'),
  'complaint.answer': l('答复投诉建议', 'Complaint answered'),
  'exchange.import': l('导入部门名单', 'Department list imported'),
  'exchange.facts': l('部门名单写入登记信息', 'Department list turned into facts'),
  'exchange.export': l('导出部门数据', 'Data exported to a department'),
  'exchange.matches.export': l('导出比对结果', 'Matches exported'),
  'exchange.crossCheck': l('数据比对核查', 'Cross-check run'),
  'exchange.candidate.confirm': l('确认比对候选', 'Match candidate confirmed'),
  'exchange.candidate.dismiss': l('排除比对候选', 'Match candidate dismissed'),
  'exchange.flag.cleared': l('核查疑点：排除', 'Flag cleared'),
  'exchange.flag.upheld': l('核查疑点：属实', 'Flag upheld'),
  'exchange.flag.followUp': l('核查疑点：后续处置', 'Flag followed up'),
  ...Object.fromEntries(
    Object.entries(applicationEvent).map(([k, v]) => [
      `application.${k}`,
      l(`申请：${v.zh}`, `Application: ${v.en}`),
    ]),
  ),
};

/** What an audit record is about (`entityType`). */
const entity: Table = {
  account: l('账号', 'Account'),
  application: l('申请', 'Application'),
  complaint: l('投诉建议', 'Complaint'),
  enterprise: l('企业', 'Enterprise'),
  exchangeExport: l('数据导出', 'Data export'),
  exchangeFlag: l('核查疑点', 'Cross-check flag'),
  exchangeImport: l('名单导入', 'List import'),
  fundBudget: l('预算', 'Budget'),
  household: l('家庭户', 'Household'),
  packVersion: l('政策包版本', 'Pack version'),
  paymentBatch: l('发放批次', 'Payment batch'),
  person: l('人员', 'Person'),
  referral: l('转介', 'Referral'),
  registryImport: l('人员导入', 'Registry import'),
  scanRun: l('政策找人扫描', 'Outreach scan'),
  spotCheck: l('抽查', 'Spot check'),
  spotCheckDraw: l('抽查抽取', 'Spot-check draw'),
  spotCheckRate: l('抽查比例', 'Spot-check rate'),
  unemploymentRegistration: l('失业登记', 'Unemployment registration'),
  employmentRegistration: l('就业登记', 'Employment registration'),
};

const applicationStatus: Table = {
  draft: l('草稿（未提交）', 'Draft (not submitted)'),
  inReview: l('审核中', 'Under review'),
  returned: l('退回补正', 'Returned for correction'),
  rejected: l('不予批准', 'Rejected'),
  withdrawn: l('已撤回', 'Withdrawn'),
  approved: l('已批准', 'Approved'),
};

const paymentStatus: Table = {
  claimed: l('待发放', 'To be paid'),
  sent: l('已报送银行', 'Sent to the bank'),
  held: l('暂缓发放', 'Held'),
  paid: l('已到账', 'Paid'),
  failed: l('发放失败', 'Failed'),
};

const batchStatus: Table = {
  building: l('编制中', 'Being built'),
  ready: l('待发放', 'Ready to pay'),
  disbursing: l('发放中', 'Paying'),
  sending: l('报送中', 'Sending to the bank'),
  sent: l('已报送银行，待回盘', 'Sent to the bank, awaiting results'),
  done: l('已完成', 'Done'),
};

const spotCheckStatus: Table = {
  open: l('待核查', 'To check'),
  confirmed: l('核查无误', 'Confirmed'),
  irregular: l('发现问题', 'Irregular'),
};

const flagState: Table = {
  open: l('待核查', 'Open'),
  decided: l('已处理', 'Decided'),
  cleared: l('已排除', 'Cleared'),
  upheld: l('属实', 'Upheld'),
};

const flagKind: Table = {
  'insured-while-unemployed': l(
    '登记失业但以职工身份参保缴费',
    'Registered unemployed but paying contributions as an employee',
  ),
  'allowance-while-insurance-eligible': l(
    '领取临时生活补助但符合失业保险金条件',
    'Temporary living allowance while eligible for unemployment insurance',
  ),
  'deceased-with-open-case': l(
    '已死亡但有在办申请或未支付款项',
    'Deceased with an open application or unpaid item',
  ),
  'duplicate-person': l('同一人以两条记录申请', 'The same person applying under two records'),
  'enterprise-not-registered': l(
    '申请稳岗返还的企业不在市场主体名录',
    'Enterprise claiming the job-retention refund not in the register',
  ),
};

const referralStatus: Table = {
  open: l('待答复', 'Open'),
  needsMoreInformation: l('待补充材料', 'Needs more information'),
  accepted: l('已受理', 'Accepted'),
  declined: l('不予受理', 'Declined'),
  unanswered: l('待民政答复', 'Awaiting civil affairs'),
  closed: l('已办结', 'Closed'),
};

const referralKind: Table = {
  minimumLiving: l('最低生活保障（低保）', 'Minimum living allowance (低保)'),
  temporaryAssistance: l('临时救助', 'Temporary assistance'),
};

const complaintStatus: Table = {
  received: l('待答复', 'Received'),
  answered: l('已答复', 'Answered'),
};

const complaintKind: Table = {
  complaint: l('投诉', 'Complaint'),
  suggestion: l('建议', 'Suggestion'),
};

const findingStatus: Table = {
  open: l('待通知', 'To notify'),
  notified: l('已通知', 'Notified'),
  dismissed: l('已排除', 'Dismissed'),
  applied: l('已申请', 'Applied'),
};

const scanStatus: Table = {
  running: l('运行中', 'Running'),
  done: l('已完成', 'Done'),
  failed: l('失败', 'Failed'),
};

const matchStatus: Table = {
  matched: l('已匹配', 'Matched'),
  candidate: l('待确认', 'Candidate'),
  unmatched: l('未匹配', 'Unmatched'),
  invalid: l('数据有误', 'Invalid'),
  confirmed: l('已确认', 'Confirmed'),
  dismissed: l('已排除', 'Dismissed'),
};

const role: Table = {
  citizen: l('群众', 'Citizen'),
  enterprise: l('企业', 'Enterprise'),
  villageClerk: l('村/社区协理员', 'Village/community clerk'),
  townshipOfficer: l('乡镇（街道）经办人员', 'Township/street officer'),
  cityOfficer: l('市人社局经办人员', 'City HRSS officer'),
  cityApprover: l('市人社局审批人员', 'City HRSS approver'),
  financeOfficer: l('财政局经办人员', 'Finance officer'),
  civilAffairsLiaison: l('民政局联络员', 'Civil-affairs liaison'),
  leader: l('就业工作领导小组（只读）', 'Leader (read only)'),
  policyAdmin: l('政策管理员', 'Policy administrator'),
  systemAdmin: l('系统管理员', 'System administrator'),
  auditor: l('审计人员', 'Auditor'),
  system: l('系统', 'System'),
};

const education: Table = {
  primary: l('小学', 'Primary school'),
  juniorSecondary: l('初中', 'Junior secondary'),
  seniorSecondary: l('高中', 'Senior secondary'),
  secondaryVocational: l('中专（中职）', 'Secondary vocational'),
  college: l('大专', 'College (大专)'),
  bachelor: l('本科', "Bachelor's"),
  master: l('硕士研究生', "Master's"),
  doctorate: l('博士研究生', 'Doctorate'),
};

const relation: Table = {
  head: l('户主', 'Head'),
  spouse: l('配偶', 'Spouse'),
  child: l('子女', 'Child'),
  parent: l('父母', 'Parent'),
  grandchild: l('孙子女', 'Grandchild'),
  grandparent: l('祖父母', 'Grandparent'),
  sibling: l('兄弟姐妹', 'Sibling'),
  childInLaw: l('儿媳、女婿', 'Child-in-law'),
  other: l('其他', 'Other'),
};

/** Values of enumerated facts (sex, size, certificate kind, talent category, stage, tier). */
const option: Table = {
  male: l('男', 'Male'),
  female: l('女', 'Female'),
  micro: l('微型企业', 'Micro'),
  small: l('小型企业', 'Small'),
  medium: l('中型企业', 'Medium'),
  large: l('大型企业', 'Large'),
  vocationalQualification: l('职业资格证书', 'Vocational qualification'),
  skillLevel: l('职业技能等级证书', 'Skill level certificate'),
  A: l('A 类', 'Category A'),
  B: l('B 类', 'Category B'),
  C: l('C 类', 'Category C'),
  D: l('D 类', 'Category D'),
  advance: l('预支（培训开始时）', 'Advance (at the start)'),
  completion: l('结业（培训结束后）', 'Completion (at the end)'),
};

/** Certificate levels (5 = 初级 … 1 = 高级技师). */
const certificateLevel: Table = {
  '1': l('一级（高级技师）', 'Level 1 (senior technician)'),
  '2': l('二级（技师）', 'Level 2 (technician)'),
  '3': l('三级（高级工）', 'Level 3 (senior worker)'),
  '4': l('四级（中级工）', 'Level 4 (intermediate)'),
  '5': l('五级（初级工）', 'Level 5 (beginner)'),
};

const hardshipTier: Table = {
  '1': l('一档（最困难）', 'Tier 1 (most severe)'),
  '2': l('二档', 'Tier 2'),
  '3': l('三档', 'Tier 3'),
};

const subjectType: Table = {
  person: l('个人', 'Person'),
  enterprise: l('企业', 'Enterprise'),
  household: l('家庭户', 'Household'),
};

const channel: Table = {
  online: l('网上申请', 'Online'),
  desk: l('窗口申请', 'At the desk'),
  web: l('网页', 'Web'),
  cli: l('命令行', 'Command line'),
  system: l('系统', 'System'),
};

const paymentPart: Table = {
  full: l('全额', 'In full'),
  advance: l('预支', 'Advance'),
  remainder: l('其余部分', 'Remainder'),
  guarantee: l('担保额度', 'Guarantee'),
};

const registrationEndReason: Table = {
  employed: l('已就业', 'Found work'),
  withdrawn: l('本人申请注销', 'Withdrawn by the person'),
  other: l('其他原因', 'Other reason'),
};

const departmentList: Table = {
  'low-income': l('低保名单', 'Minimum living allowance list'),
  'extreme-poverty': l('特困人员名单', 'Extreme poverty list'),
  'registered-poor': l('建档立卡名单', 'Registered poor list'),
  disabled: l('残疾人名单', 'Disabled persons list'),
  insured: l('参保缴费名单', 'Insured employees list'),
  deceased: l('死亡名单', 'List of deaths'),
  'enterprise-register': l('市场主体名录', 'Market-entity register'),
};

const permission: Table = {
  'registry.read': l('查询实名登记信息', 'Read the registry'),
  'registry.write': l('登记和修改人员、企业信息', 'Register and update persons and enterprises'),
  'registry.reveal': l('查看完整身份证号等（须填事由）', 'Reveal full personal data (with a reason)'),
  'audit.read': l('查看和校验审计日志', 'Read and verify the audit trail'),
  'accounts.manage': l('管理用户账号', 'Manage accounts'),
  'rules.scan': l('政策找人', 'Run policy outreach scans'),
  'rules.simulate': l('政策测算（只看汇总）', 'Simulate policy changes (aggregates)'),
  'rules.manage': l('载入、校验、启用政策包', 'Load, check and activate policy packs'),
  'applications.apply': l('窗口代为申请', 'Apply on someone’s behalf'),
  'applications.read': l('查看申请', 'Read applications'),
  'applications.review': l('审核申请', 'Review applications'),
  'funds.read': l('查看资金预算', 'Read funds and budgets'),
  'funds.manage': l('设定年度预算', 'Set yearly budgets'),
  'payments.manage': l('制作发放批次、登记银行回执', 'Make payment batches, record bank returns'),
  'payments.reveal': l('发放名册中的完整身份证号和银行账号', 'Full ID numbers and bank accounts in rosters'),
  'spotChecks.manage': l('发放后抽查与追回', 'Spot checks and recovery'),
  'referrals.create': l('转介民政', 'Refer to civil affairs'),
  'referrals.answer': l('答复民政转介', 'Answer referrals'),
  'complaints.read': l('查看投诉建议', 'Read complaints'),
  'complaints.answer': l('答复投诉建议', 'Answer complaints'),
  'monitoring.read': l('查看统计监测（只看汇总）', 'Read monitoring dashboards (aggregates)'),
  'exchange.import': l('导入部门名单', 'Import department lists'),
  'exchange.read': l('查看数据交换', 'Read data exchange'),
  'exchange.review': l('确认比对结果、处理疑点', 'Review matches and flags'),
};

export const LABELS = {
  fact,
  factSource,
  factSourceRef,
  applicationEvent,
  reviewAction,
  auditAction,
  entity,
  applicationStatus,
  paymentStatus,
  batchStatus,
  spotCheckStatus,
  flagState,
  flagKind,
  referralStatus,
  referralKind,
  complaintStatus,
  complaintKind,
  findingStatus,
  scanStatus,
  matchStatus,
  role,
  permission,
  education,
  relation,
  option,
  certificateLevel,
  hardshipTier,
  subjectType,
  channel,
  paymentPart,
  registrationEndReason,
  departmentList,
  /** Filled from the policy pack in force (its parameters' and programmes' own names). */
  parameter: {} as Table,
  programme: {} as Table,
} satisfies Record<string, Table>;

export type LabelKind = keyof typeof LABELS;
export type LabelCatalogue = Record<LabelKind, Table>;
export const LABEL_KINDS = Object.keys(LABELS) as LabelKind[];
