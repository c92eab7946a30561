/**
 * The playground's own `apiVersion: playground/v1, kind: Scenario` document: its fields for the
 * decoder's field tree, and their descriptions (Chinese first, then English) for the editor.
 */

export interface ScenarioField {
  type: string;
  zh: string;
  en: string;
  required?: boolean;
  enum?: string[];
}

/** Type name → field name → field. Types are the decoder's field-tree notation. */
export const SCENARIO_TYPES: Record<string, { zh: string; en: string; fields: Record<string, ScenarioField> }> = {
  Scenario: {
    zh: '演练场的剧本：运行多长时间、kube-proxy 的模式、按时间执行的命令和持续的访问流量。每份输入最多一个。',
    en: 'The playground scenario: how long to run, the kube-proxy mode, timed commands and client traffic. At most one per input.',
    fields: {
      apiVersion: { type: 'string', zh: '固定为 playground/v1。', en: 'Always playground/v1.', required: true, enum: ['playground/v1'] },
      kind: { type: 'string', zh: '固定为 Scenario。', en: 'Always Scenario.', required: true, enum: ['Scenario'] },
      metadata: { type: 'ObjectMeta', zh: '可选的元数据（只用 name）。', en: 'Optional metadata (only the name is used).' },
      spec: { type: 'ScenarioSpec', zh: '剧本内容。', en: 'What the scenario does.', required: true },
    },
  },
  ScenarioSpec: {
    zh: '剧本内容。',
    en: 'What the scenario does.',
    fields: {
      duration: {
        type: 'Duration',
        zh: '模拟的虚拟时长，Go 时长写法（如 120s、2m、1h30m）或整数秒。',
        en: 'Virtual horizon of the run: a Go duration (120s, 2m, 1h30m) or integer seconds.',
      },
      proxyMode: {
        type: 'string',
        zh: 'kube-proxy 的代理模式，默认 ipvs（与笔记中的集群一致）。',
        en: 'kube-proxy mode; default ipvs, as in the notes’ cluster.',
        enum: ['iptables', 'ipvs'],
      },
      steps: { type: '[]ScenarioStep', zh: '按时间执行的命令（与终端中输入的一样）。', en: 'Timed commands, the same language as the terminal.' },
      traffic: { type: '[]TrafficSpec', zh: '持续发送请求的客户端，按后端和结果计数。', en: 'Clients sending requests, counted per backend and per outcome.' },
    },
  },
  ScenarioStep: {
    zh: '一条定时命令。',
    en: 'One timed command.',
    fields: {
      at: { type: 'Duration', zh: '执行时刻（从开始算起），如 60s。', en: 'When to run it, from the start: e.g. 60s.', required: true },
      run: {
        type: 'string',
        zh: '在 k8s-master01 上执行的命令行：kubectl … 或 shell 命令。',
        en: 'The command line to run on k8s-master01: kubectl … or a shell command.',
        required: true,
      },
    },
  },
  TrafficSpec: {
    zh: '一个发送请求的客户端。',
    en: 'A client that sends requests.',
    fields: {
      url: { type: 'string', zh: '请求的地址，如 http://nginx.default.svc.cluster.local/。', en: 'The URL to request, e.g. http://nginx.default.svc.cluster.local/.', required: true },
      rps: { type: 'float64', zh: '每秒请求数。', en: 'Requests per second.', required: true },
      from: { type: 'Duration', zh: '开始时刻，默认 0s。', en: 'When to start; default 0s.' },
      to: { type: 'Duration', zh: '结束时刻，默认运行到结束。', en: 'When to stop; default the end of the run.' },
    },
  },
};
