/** What `leaklab dump` says when the one dump reader (src/lib/dump/read.ts) refuses an input. */
import { defineStrings } from '../index.ts';

export const dumpReadStrings = defineStrings({
  en: {
    tooLarge: 'too large (more than {mib} MiB once decompressed)',
  },
  'zh-cn': {
    tooLarge: '文件太大（解压后超过 {mib} MiB）',
  },
});
