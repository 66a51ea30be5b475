/** The plain page at `/` until the web application arrives. */
export const homePage = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>凌源市公共就业服务信息系统 · Jiuye</title>
<link rel="icon" href="/favicon.ico">
<style>
  body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.7; color: #1f2328; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  .en { color: #57606a; }
  a { color: #0b57d0; }
</style>
</head>
<body>
<main>
  <h1>凌源市公共就业服务信息系统（就业）</h1>
  <p class="en">Jiuye — the public employment service information system of Lingyuan City, Liaoning.</p>
  <p>本系统依据《凌源市关于做好当前和今后一个时期促进就业工作的实施办法》（凌政发〔2019〕14号）建设，
  为申请就业创业扶持政策的人员和企业提供实名制管理服务，市、乡镇（街道）、村（社区）三级贯通。</p>
  <p class="en">Built for 凌政发〔2019〕14号: a real-name system for everyone who applies for employment and
  start-up support, reaching from the city through townships and streets to villages.</p>
  <p>网上办事页面正在建设中。接口文档：<a href="/api/docs">/api/docs</a>（OpenAPI：<a href="/api/openapi.json">/api/openapi.json</a>）。</p>
  <p class="en">The web application is being built. API documentation: <a href="/api/docs">/api/docs</a>.</p>
</main>
</body>
</html>
`;

/** A 16×16 favicon (so browsers do not log a 404): a plain blue square as SVG. */
export const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b57d0"/><text x="8" y="12" font-size="10" text-anchor="middle" fill="#fff">就</text></svg>`;
