/**
 * Industries by GB/T 4754-2017 section (门类), the value banks put in 行业类型. Sections a bank
 * does not lend to as corporate customers (J 金融业, S 公共管理, T 国际组织) are left out.
 * `risk` is the industry's additive effect on the credit-risk latent and `sign` its effect on the
 * campaign's signing propensity (model.ts); 建筑业, 批发和零售业 and 房地产业 are clearly riskier.
 * `words` end company names (华信（深圳）科技有限公司); `revenue` shifts log revenue.
 */

export interface Industry {
  readonly code: string;
  readonly name: string;
  readonly weight: number;
  readonly risk: number;
  readonly sign: number;
  readonly revenue: number;
  /** revenue per employee, 元 */
  readonly productivity: number;
  readonly words: readonly string[];
}

const industry = (
  code: string, name: string, weight: number, risk: number, sign: number, revenue: number, productivity: number,
  words: readonly string[],
): Industry => ({ code, name, weight, risk, sign, revenue, productivity, words });

export const INDUSTRIES: readonly Industry[] = [
  industry('A', '农、林、牧、渔业', 3, 0.4, -0.1, -0.4, 400_000, ['农业发展', '生态农业', '农牧', '种植', '水产']),
  industry('B', '采矿业', 1.5, 0.5, -0.2, 0.5, 1_200_000, ['矿业', '能源', '资源开发']),
  industry('C', '制造业', 24, 0.1, 0.3, 0.2, 700_000, ['机械', '电子', '精密制造', '新材料', '化工', '纺织', '汽车零部件', '智能装备', '塑胶', '五金']),
  industry('D', '电力、热力、燃气及水生产和供应业', 2, -0.9, -0.2, 0.6, 2_000_000, ['电力', '燃气', '水务', '新能源', '热力']),
  industry('E', '建筑业', 10, 1.0, -0.3, 0.3, 900_000, ['建设', '建筑工程', '路桥', '建工', '装饰工程', '市政工程']),
  industry('F', '批发和零售业', 22, 0.75, 0.1, 0.1, 2_500_000, ['商贸', '贸易', '供应链管理', '百货', '实业', '物资']),
  industry('G', '交通运输、仓储和邮政业', 6, 0.2, 0.0, 0.0, 600_000, ['物流', '运输', '仓储', '货运代理', '快递']),
  industry('H', '住宿和餐饮业', 3, 0.8, -0.2, -0.6, 250_000, ['餐饮管理', '酒店管理', '餐饮']),
  industry('I', '信息传输、软件和信息技术服务业', 8, -0.6, 0.5, -0.1, 800_000, ['科技', '信息技术', '软件', '网络科技', '数据科技', '智能科技']),
  industry('K', '房地产业', 3, 0.9, -0.4, 0.5, 1_500_000, ['房地产开发', '置业', '物业管理', '地产']),
  industry('L', '租赁和商务服务业', 7, 0.2, 0.1, -0.2, 600_000, ['企业管理', '商务服务', '咨询', '租赁', '人力资源']),
  industry('M', '科学研究和技术服务业', 5, -0.5, 0.4, -0.3, 500_000, ['检测技术', '生物科技', '工程技术', '技术研究', '设计']),
  industry('N', '水利、环境和公共设施管理业', 1.5, -0.3, 0.0, -0.2, 500_000, ['环保科技', '环境工程', '园林绿化']),
  industry('O', '居民服务、修理和其他服务业', 1.5, 0.3, -0.1, -0.8, 250_000, ['家政服务', '汽车维修', '清洁服务']),
  industry('P', '教育', 0.8, 0.0, -0.1, -0.7, 300_000, ['教育科技', '培训', '文化教育']),
  industry('Q', '卫生和社会工作', 1, -0.4, 0.1, -0.3, 400_000, ['医疗科技', '健康管理', '医药']),
  industry('R', '文化、体育和娱乐业', 1.2, 0.3, 0.0, -0.5, 400_000, ['文化传媒', '影视', '体育发展', '文化传播']),
];
