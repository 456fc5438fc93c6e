/**
 * The fixed labels of the extract: lenders, loan products, guarantee types, five-level classes,
 * firm sizes. Values are what bank systems export, in Chinese.
 */

/** The demo bank itself, as the 贷款机构 of its own loans. */
export const OWN_BANK = '本行';

/** Other lenders seen in the credit report (征信), with how often they appear. */
export const OTHER_BANKS: readonly { name: string; weight: number }[] = [
  { name: '工商银行', weight: 10 }, { name: '建设银行', weight: 9 }, { name: '农业银行', weight: 8 },
  { name: '中国银行', weight: 8 }, { name: '交通银行', weight: 5 }, { name: '邮储银行', weight: 3 },
  { name: '招商银行', weight: 6 }, { name: '浦发银行', weight: 4 }, { name: '中信银行', weight: 4 },
  { name: '兴业银行', weight: 4 }, { name: '民生银行', weight: 3 }, { name: '光大银行', weight: 3 },
  { name: '平安银行', weight: 3 }, { name: '华夏银行', weight: 2 }, { name: '广发银行', weight: 2 },
  { name: '浙商银行', weight: 1.5 }, { name: '北京银行', weight: 1.5 }, { name: '上海银行', weight: 1.5 },
  { name: '江苏银行', weight: 1.5 }, { name: '宁波银行', weight: 1.5 }, { name: '南京银行', weight: 1 },
  { name: '杭州银行', weight: 1 },
];

/** How a product repays: interest monthly and principal at maturity, or equal principal monthly. */
export type Repayment = 'bullet' | 'amortizing';

export interface Product {
  readonly name: string;
  readonly weight: number;
  /** extra weight per unit of the growth latent: expanding firms take longer and chain finance */
  readonly growthTilt: number;
  readonly terms: readonly number[];
  readonly repayment: Repayment;
  /** spread over the base rate, as a fraction */
  readonly spread: number;
  /** amount relative to the customer's typical loan */
  readonly scale: number;
}

export const PRODUCTS: readonly Product[] = [
  { name: '流动资金贷款', weight: 40, growthTilt: 0, terms: [12], repayment: 'bullet', spread: 0.004, scale: 1 },
  { name: '经营性贷款', weight: 20, growthTilt: 0.1, terms: [24, 36], repayment: 'amortizing', spread: 0.006, scale: 0.8 },
  { name: '中长期贷款', weight: 12, growthTilt: 0.5, terms: [36, 60], repayment: 'amortizing', spread: 0.009, scale: 2 },
  { name: '票据', weight: 13, growthTilt: 0, terms: [6], repayment: 'bullet', spread: -0.012, scale: 0.6 },
  { name: '供应链金融', weight: 15, growthTilt: 0.5, terms: [6, 12], repayment: 'bullet', spread: 0.002, scale: 0.7 },
];

export const GUARANTEES = ['信用', '保证', '抵押', '质押', '保证+抵押'] as const;

/** 五级分类, from best to worst. */
export const FIVE_CLASSES = ['正常', '关注', '次级', '可疑', '损失'] as const;

/** 企业规模 (工信部 划型 labels). */
export const SIZES = ['大型', '中型', '小型', '微型'] as const;

/** Characters for trade names (字号): two of them make names like 华信, 恒泰. */
export const TRADE_NAME_CHARS =
  '华信恒泰宏达鑫盛瑞祥安康新源博远嘉和润丰伟业兴隆金银中天正通明光辉德诚志永昌海峰宇晨凯锦弘元益汇万利聚腾启航智创捷卓越力';

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';

export const GIVEN_NAME_CHARS =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华建文辉玲鹏宇浩婷雪琳晨欣思佳子嘉俊博一诗雨梓昊';

/** Legal-form endings, with how often they appear. */
export const COMPANY_SUFFIXES: readonly { name: string; weight: number }[] = [
  { name: '有限公司', weight: 55 },
  { name: '有限责任公司', weight: 27 },
  { name: '股份有限公司', weight: 18 },
];
