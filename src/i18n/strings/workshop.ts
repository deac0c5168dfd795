/** Strings of the instructor page (/workshop/) and the embeddable exercise pages (/embed/<id>/). */
import { defineStrings } from '../index.ts';

export const workshopStrings = defineStrings({
  en: {
    title: 'Workshop mode',
    description: 'Run a room from one laptop: serve the lab on the local network and embed exercises in your slides or site.',
    intro:
      'Everything a workshop needs: serve the lab to the room from one laptop (fully offline, with its own Go runner), or embed single exercises in slides or another site. Learners’ progress stays in their own browsers.',
    serveTitle: 'Serve the lab on your network',
    serveIntro:
      'On the instructor’s laptop (Node 22.18+ and, for the offline runner, Go 1.26 or newer; `npm test` installs both on Debian):',
    serveStep1: 'Start the site and the runner, listening on every network interface:',
    serveStep2: 'Find the laptop’s address on the room’s network:',
    serveStep3:
      'Learners open http://<that address>:4321/ in any browser. Programs run on the laptop, in the local runner; no internet connection is needed.',
    serveWarning:
      'Listening on 0.0.0.0 lets everyone on that network run Go code on the laptop. The runner isolates each run (no network, CPU, memory and time limits), but use it on a network you trust, and stop it after the session.',
    capacity: 'How many learners one laptop sustains, measured with `npm run bench -- concurrency`, is in the README’s workshop section.',
    thisServer: 'This page is served from {origin}: embed snippets below use that address.',
    playgroundTitle: 'Use the public Go Playground instead',
    playgroundIntro:
      'No laptop to spare, or a room larger than one machine handles? Host the static build anywhere (`npm run build`, then any static host or CDN serves `dist/`). Without our server, snippets run on the public Go Playground (play.golang.org) straight from each learner’s browser. Learners can also switch any snippet with its “Run on” selector.',
    playgroundProxy:
      'Or keep serving the site from the laptop but forward runs to the public Playground (the laptop then needs internet access, but no Go): `npm start -- --host 0.0.0.0 --backend proxy`.',
    playgroundTradeoffs:
      'The trade-offs: the room needs internet access, the public Playground applies its own rate limits and may queue a busy room, and its Go version is whatever it runs today.',
    exercisesTitle: 'Exercises to embed',
    exercisesIntro:
      'Each exercise has a page without the course chrome, sized for an iframe. Paste the snippet into your slides (reveal.js, Slidev, Google Slides via an embed add-on) or any HTML page.',
    chapterN: 'Chapter {n}',
    snippetLabel: 'Embed code for “{title}”',
    copy: 'Copy',
    copyLabel: 'Copy the embed code for “{title}”',
    copied: 'Copied',
    copyFailed: 'Select the code and copy it with Ctrl+C',
    preview: 'Preview',
    previewLabel: 'Live preview of “{title}”',
    openEmbed: 'Open the embed page',
    eventsTitle: 'Events for the host page',
    eventsIntro:
      'The embedded exercise posts messages to the page that embeds it, so your slides can react (show a confetti slide, count passes in the room). Each message is an object:',
    eventsReady: '`ready`: the exercise page has loaded.',
    eventsRun: '`run`: the learner pressed Run or Check; `detail.check` says which.',
    eventsPassed: '`passed`: the check passed (expected output, no leaked goroutines).',
    eventsFailed: '`failed`: a check did not pass; `detail.reason` is `output`, `status`, `leaked` or `build`.',
    eventsResize: '`resize`: the page’s height changed; `detail.height` is in CSS pixels, to size the iframe.',
    eventsExample: 'A complete host page that embeds one exercise and logs every event:',
    eventsCheckOrigin: 'Check `event.origin` against the lab’s address before trusting a message.',
    // Embed page
    embedOpen: 'Open in Goroutine Leak Lab',
    embedNewTab: '(opens in a new tab)',
    loopbackWarning:
      'You opened this page as {host}: that address only works on this laptop. Learners need the laptop’s address on the room’s network, and so do the embed snippets below.',
    loopbackFind: 'Find it with one of these commands, then type it here:',
    addressesFound: 'This laptop’s addresses on the network (pick the one on the room’s network):',
    addressLabel: 'Address learners use',
    addressPlaceholder: 'e.g. 192.168.1.20',
    addressApply: 'Use in the snippets',
    addressInvalid: 'Type an IP address or host name, without http:// or a port.',
    addressInUse: 'Snippets below use {origin}.',
  },
  'zh-cn': {
    title: '工作坊模式',
    description: '用一台笔记本带一整间教室：在局域网里提供实验室，或者把练习嵌到幻灯片和其他网站里。',
    intro:
      '办工作坊需要的都在这里：用一台笔记本给整个教室提供实验室（完全离线，自带 Go 运行器），或者把单个练习嵌进幻灯片或其他网站。学员的进度保存在各自的浏览器里。',
    serveTitle: '在局域网中提供实验室',
    serveIntro: '在讲师的笔记本上（需要 Node 22.18+；离线运行器还需要 Go 1.26 或更新版本，Debian 上 `npm test` 会自动安装两者）：',
    serveStep1: '启动网站和运行器，监听所有网卡：',
    serveStep2: '查出笔记本在教室网络里的地址：',
    serveStep3: '学员用任意浏览器打开 http://<该地址>:4321/。程序在笔记本的本地运行器里执行，不需要连外网。',
    serveWarning:
      '监听 0.0.0.0 意味着同一网络里的任何人都能在这台笔记本上运行 Go 代码。运行器会隔离每次运行（禁止联网，限制 CPU、内存和时间），但请只在可信的网络中使用，课程结束后及时关掉。',
    capacity: '一台笔记本能撑住多少学员同时使用，用 `npm run bench -- concurrency` 实测过，结果写在 README 的工作坊一节。',
    thisServer: '本页来自 {origin}，下面的嵌入代码使用这个地址。',
    playgroundTitle: '改用公共 Go Playground',
    playgroundIntro:
      '没有闲置的笔记本，或者人数多到一台机器扛不住？把静态构建放到任意地方（`npm run build`，然后用任意静态托管或 CDN 提供 `dist/`）。没有我们的服务器时，代码会直接从学员浏览器发到公共 Go Playground（play.golang.org）运行。学员也可以用每段代码下方的“运行于”下拉框随时切换。',
    playgroundProxy:
      '也可以继续由笔记本提供网站，但把运行请求转发给公共 Playground（笔记本需要能上外网，但不需要装 Go）：`npm start -- --host 0.0.0.0 --backend proxy`。',
    playgroundTradeoffs: '代价是：教室必须能上外网；公共 Playground 有自己的限流，人多时可能排队；Go 版本由它当前部署的版本决定。',
    exercisesTitle: '可嵌入的练习',
    exercisesIntro:
      '每个练习都有一个去掉课程外框、适合放进 iframe 的页面。把下面的代码贴进幻灯片（reveal.js、Slidev，或通过嵌入插件放进 Google Slides）或任意 HTML 页面即可。',
    chapterN: '第 {n} 章',
    snippetLabel: '“{title}”的嵌入代码',
    copy: '复制',
    copyLabel: '复制“{title}”的嵌入代码',
    copied: '已复制',
    copyFailed: '请选中代码后按 Ctrl+C 复制',
    preview: '预览',
    previewLabel: '“{title}”的实时预览',
    openEmbed: '打开嵌入页面',
    eventsTitle: '发给宿主页面的事件',
    eventsIntro:
      '嵌入的练习会通过 postMessage 通知宿主页面，方便幻灯片做出反应（比如放个彩带、统计全场通过人数）。每条消息都是这样一个对象：',
    eventsReady: '`ready`：练习页面加载完成。',
    eventsRun: '`run`：学员点了“运行”或“检查”，用 `detail.check` 区分。',
    eventsPassed: '`passed`：检查通过（输出符合预期，且没有泄漏的协程）。',
    eventsFailed: '`failed`：检查没有通过，`detail.reason` 为 `output`、`status`、`leaked` 或 `build`。',
    eventsResize: '`resize`：页面高度变了，`detail.height` 以 CSS 像素为单位，可用来调整 iframe 高度。',
    eventsExample: '一个完整的宿主页面示例，嵌入一个练习并打印收到的每个事件：',
    eventsCheckOrigin: '处理消息前，先核对 `event.origin` 是否是实验室的地址。',
    embedOpen: '在 Goroutine 泄漏实验室中打开',
    embedNewTab: '（在新标签页中打开）',
    loopbackWarning: '你是用 {host} 打开本页的：这个地址只在这台笔记本上有效。学员需要笔记本在教室网络里的地址，下面的嵌入代码也一样。',
    loopbackFind: '用下面任一命令查出地址，再填到这里：',
    addressesFound: '这台笔记本的网络地址（选教室网络里的那个）：',
    addressLabel: '学员使用的地址',
    addressPlaceholder: '例如 192.168.1.20',
    addressApply: '用于嵌入代码',
    addressInvalid: '请填 IP 地址或主机名，不要带 http:// 和端口。',
    addressInUse: '下面的嵌入代码使用 {origin}。',
  },
});
