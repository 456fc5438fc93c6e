/**
 * Where the demo bank's corporate customers are: provinces (the 地区 column), their cities and
 * districts with real 6-digit administrative division codes (GB/T 2260), which credit codes embed.
 * `risk` is the region's additive effect on the credit-risk latent (model.ts): the north-east and
 * some inland provinces carry clearly more overdue than the coastal ones, as a heatmap should show.
 */

export interface District {
  readonly code: string;
  readonly name: string;
}

export interface City {
  /** e.g. 深圳市 */
  readonly name: string;
  /** e.g. 深圳, used inside company names such as 华信（深圳）科技有限公司 */
  readonly short: string;
  readonly code: string;
  readonly weight: number;
  readonly districts: readonly District[];
}

export interface Province {
  readonly name: string;
  readonly code: string;
  readonly weight: number;
  readonly risk: number;
  readonly cities: readonly City[];
}

const city = (name: string, code: string, weight: number, districts: readonly [string, string][]): City => ({
  name,
  short: name.replace(/市$/, ''),
  code,
  weight,
  districts: districts.map(([c, n]) => ({ code: c, name: n })),
});

export const PROVINCES: readonly Province[] = [
  { name: '北京市', code: '110000', weight: 7, risk: -0.5, cities: [city('北京市', '110000', 1, [['110101', '东城区'], ['110102', '西城区'], ['110105', '朝阳区'], ['110106', '丰台区'], ['110108', '海淀区']])] },
  { name: '上海市', code: '310000', weight: 7, risk: -0.6, cities: [city('上海市', '310000', 1, [['310101', '黄浦区'], ['310104', '徐汇区'], ['310105', '长宁区'], ['310115', '浦东新区']])] },
  { name: '天津市', code: '120000', weight: 3, risk: 0.3, cities: [city('天津市', '120000', 1, [['120101', '和平区'], ['120116', '滨海新区']])] },
  { name: '重庆市', code: '500000', weight: 3, risk: 0.1, cities: [city('重庆市', '500000', 1, [['500103', '渝中区'], ['500112', '渝北区']])] },
  {
    name: '广东省', code: '440000', weight: 14, risk: -0.3, cities: [
      city('广州市', '440100', 4, [['440103', '荔湾区'], ['440104', '越秀区'], ['440106', '天河区']]),
      city('深圳市', '440300', 5, [['440303', '罗湖区'], ['440304', '福田区'], ['440305', '南山区'], ['440306', '宝安区'], ['440307', '龙岗区']]),
      city('佛山市', '440600', 2, [['440604', '禅城区'], ['440606', '顺德区']]),
      city('东莞市', '441900', 2, [['441900', '东莞市']]),
    ],
  },
  {
    name: '浙江省', code: '330000', weight: 11, risk: -0.4, cities: [
      city('杭州市', '330100', 4, [['330102', '上城区'], ['330106', '西湖区'], ['330108', '滨江区']]),
      city('宁波市', '330200', 3, [['330212', '鄞州区']]),
      city('温州市', '330300', 2, [['330302', '鹿城区']]),
    ],
  },
  {
    name: '江苏省', code: '320000', weight: 11, risk: -0.4, cities: [
      city('南京市', '320100', 3, [['320102', '玄武区'], ['320106', '鼓楼区']]),
      city('苏州市', '320500', 4, [['320505', '虎丘区'], ['320506', '吴中区']]),
      city('无锡市', '320200', 2, [['320214', '新吴区']]),
    ],
  },
  {
    name: '山东省', code: '370000', weight: 7, risk: 0.1, cities: [
      city('济南市', '370100', 2, [['370102', '历下区']]),
      city('青岛市', '370200', 2, [['370202', '市南区'], ['370211', '黄岛区']]),
    ],
  },
  {
    name: '福建省', code: '350000', weight: 5, risk: -0.2, cities: [
      city('福州市', '350100', 1, [['350102', '鼓楼区']]),
      city('厦门市', '350200', 1, [['350203', '思明区']]),
    ],
  },
  { name: '四川省', code: '510000', weight: 5, risk: 0.0, cities: [city('成都市', '510100', 1, [['510104', '锦江区'], ['510107', '武侯区']])] },
  { name: '湖北省', code: '420000', weight: 4, risk: 0.0, cities: [city('武汉市', '420100', 1, [['420102', '江岸区'], ['420106', '武昌区']])] },
  { name: '湖南省', code: '430000', weight: 3, risk: 0.1, cities: [city('长沙市', '430100', 1, [['430104', '岳麓区']])] },
  { name: '河南省', code: '410000', weight: 4, risk: 0.3, cities: [city('郑州市', '410100', 1, [['410105', '金水区']])] },
  { name: '安徽省', code: '340000', weight: 3, risk: 0.0, cities: [city('合肥市', '340100', 1, [['340104', '蜀山区']])] },
  { name: '江西省', code: '360000', weight: 2, risk: 0.2, cities: [city('南昌市', '360100', 1, [['360102', '东湖区']])] },
  { name: '陕西省', code: '610000', weight: 2, risk: 0.2, cities: [city('西安市', '610100', 1, [['610113', '雁塔区']])] },
  {
    name: '河北省', code: '130000', weight: 3, risk: 0.6, cities: [
      city('石家庄市', '130100', 1, [['130102', '长安区']]),
      city('唐山市', '130200', 1, [['130203', '路北区']]),
    ],
  },
  { name: '山西省', code: '140000', weight: 2, risk: 0.7, cities: [city('太原市', '140100', 1, [['140105', '小店区']])] },
  { name: '内蒙古自治区', code: '150000', weight: 1.5, risk: 0.7, cities: [city('呼和浩特市', '150100', 1, [['150102', '新城区']])] },
  {
    name: '辽宁省', code: '210000', weight: 3, risk: 0.9, cities: [
      city('沈阳市', '210100', 1, [['210102', '和平区']]),
      city('大连市', '210200', 1, [['210202', '中山区']]),
    ],
  },
  { name: '吉林省', code: '220000', weight: 1.5, risk: 1.0, cities: [city('长春市', '220100', 1, [['220102', '南关区']])] },
  { name: '黑龙江省', code: '230000', weight: 1.5, risk: 1.1, cities: [city('哈尔滨市', '230100', 1, [['230102', '道里区']])] },
  { name: '云南省', code: '530000', weight: 1.5, risk: 0.4, cities: [city('昆明市', '530100', 1, [['530102', '五华区']])] },
  { name: '广西壮族自治区', code: '450000', weight: 1.5, risk: 0.4, cities: [city('南宁市', '450100', 1, [['450103', '青秀区']])] },
  { name: '贵州省', code: '520000', weight: 1.5, risk: 0.8, cities: [city('贵阳市', '520100', 1, [['520102', '南明区']])] },
];
