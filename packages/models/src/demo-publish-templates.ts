import type { DemoInput } from './demo-answers.ts'

/**
 * Scripted structured answers for the templates that publish (物业通知, 多平台分发, 制造业产品营销), by `demoKey`.
 * Each is written for its template's sample input in `templates/`: every fact in it comes from that input.
 */
export const publishTemplateStructuredScripts: Record<string, (input: DemoInput) => Record<string, unknown>> =
  {
    'property-notice': () => ({
      titleZh: '关于星河湾花园3栋、5栋9月6日停水的通知',
      noticeZh: [
        '尊敬的3栋、5栋住户：',
        '',
        '因市政供水管网改造，需关闭小区总阀更换老化阀门，定于2025年9月6日（周六）9:00至17:00暂停供水。',
        '',
        '请您提前储备生活用水；停水期间请关好家中水龙头，以免恢复供水时跑水。恢复供水后如水质略显浑浊，放水片刻即可正常使用。',
        '',
        '如有疑问，请联系物业服务中心：0769-2233 6688。给您带来不便，敬请谅解！',
        '',
        '星河湾花园物业服务中心',
      ].join('\n'),
      titleEn: 'Water Outage Notice: Buildings 3 and 5, Xinghewan Garden, 6 September',
      noticeEn: [
        'Dear residents of Buildings 3 and 5,',
        '',
        'The water supply will be off from 9:00 to 17:00 on Saturday, 6 September 2025, while the main valve of the estate is closed to replace ageing valves as part of the municipal water-main upgrade.',
        '',
        'Please store enough water beforehand and keep your taps closed during the outage, so that no water runs when the supply returns. If the water looks cloudy at first, let it run for a moment.',
        '',
        'Questions? Please call the Property Service Centre on 0769-2233 6688. We apologise for the inconvenience.',
        '',
        'Xinghewan Garden Property Service Centre',
      ].join('\n'),
    }),
    'multi-platform': () => ({
      wechatTitle: '国庆去华阳湖夜游！坐电动游船看灯光秀、听疍家民歌，预约攻略在这里',
      wechatArticle: [
        '国庆假期，麻涌华阳湖国家湿地公园推出“湿地夜游”活动。',
        '',
        '**时间**：10月1日至7日，每晚18:30至21:30',
        '**玩法**：乘电动游船夜游华阳湖，沿途欣赏灯光秀和水上疍家民歌表演',
        '**票价**：每人40元，1.2米以下儿童免费',
        '**预约**：通过“华阳湖湿地公园”微信公众号提前预约，每晚限额1500人',
        '**交通**：东门、南门新增临时停车位约800个；东莞火车站开通假日接驳专线，票价2元',
        '',
        '夜间湖边风大，请注意保暖，带好孩子，不要在湖边嬉戏。',
      ].join('\n'),
      weiboPost:
        '【国庆夜游华阳湖】10月1日至7日每晚18:30至21:30，#麻涌华阳湖# 推出湿地夜游：坐电动游船看灯光秀、听疍家民歌。' +
        '船票40元/人，1.2米以下儿童免费，需在“华阳湖湿地公园”公众号预约，每晚限1500人。东莞火车站有2元接驳专线直达。#东莞国庆去哪玩#',
      douyinScript: [
        '【0-3秒】航拍夜色中的华阳湖，灯光亮起。字幕：国庆夜游华阳湖！',
        '【3-10秒】电动游船划过水面，两岸灯光秀。口播：10月1日到7日，每晚18:30到21:30，坐船夜游湿地。',
        '【10-18秒】疍家民歌表演特写。口播：船上还能听到地道的水上疍家民歌。',
        '【18-25秒】字幕卡：船票40元，1.2米以下儿童免费；公众号预约，每晚限1500人。',
        '【25-30秒】接驳专线画面。口播：东莞火车站坐2元接驳专线就到，晚上湖边风大，记得带外套！',
      ].join('\n'),
      xiaohongshuTitle: '东莞国庆夜游｜华阳湖坐船看灯光秀',
      xiaohongshuNote: [
        '国庆不想人挤人，就来麻涌华阳湖夜游！',
        '',
        '📅 10月1日至7日 每晚18:30至21:30',
        '🎫 40元/人，1.2米以下小朋友免费',
        '📱 “华阳湖湿地公园”公众号预约，每晚只有1500个名额',
        '🎶 坐电动游船看灯光秀，还有水上疍家民歌',
        '🚗 东门、南门加了约800个临时车位；东莞火车站有2元接驳专线',
        '',
        '晚上湖边风大，带件薄外套～ #东莞周末去哪儿 #华阳湖 #国庆出游',
      ].join('\n'),
    }),
    'product-marketing': () => ({
      domesticTitle: '恒拓 HT-600 户外储能电源：614Wh 大容量，露营、停电都能扛',
      domesticCopy: [
        '周末露营想开投影、亮灯串，家里停电想让路由器和台灯继续工作？恒拓 HT-600 便携式户外储能电源，一台搞定。',
        '',
        '- **614Wh 磷酸铁锂电芯**：循环 3000 次后容量仍保持 80%，经久耐用',
        '- **额定输出 600W，峰值 1200W**：电热毯、小风扇、投影仪等常用电器都能带',
        '- **接口齐全**：2 个 220V 交流插座、2 个 100W USB-C 快充、2 个 USB-A、1 个车充口',
        '- **充电快**：市电 1.5 小时充至 80%，也能接 200W 太阳能板，野外边用边充',
        '- **7.2kg 随手提**：29×20×19cm，放进后备箱不占地方',
        '',
        '通过 CE、FCC、UN38.3 认证，整机质保 3 年。东莞长安工厂直供。',
      ].join('\n'),
      exportHeadline: 'HT-600 Portable Power Station: 614Wh for Camping, Job Sites and Power Cuts',
      exportCopy: [
        'Keep the lights on wherever you are with the HT-600 from Hengtuo Smart Technology in Dongguan, China.',
        '',
        '- **614Wh LiFePO4 battery** that keeps 80% of its capacity after 3,000 cycles',
        '- **600W rated output, 1,200W peak** for fans, lights, projectors and laptops',
        '- **Ports for every device**: 2 AC outlets (220V), 2 × 100W USB-C, 2 USB-A and a car socket',
        '- **Fast recharge**: 80% in 1.5 hours from the mains, or up to 200W of solar input',
        '- **Easy to carry**: 7.2 kg, 29 × 20 × 19 cm',
        '',
        'Certified to CE, FCC and UN38.3, with a 3-year warranty. Factory-direct from Dongguan.',
      ].join('\n'),
    }),
  }
