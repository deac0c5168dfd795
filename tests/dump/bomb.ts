/**
 * A decompression bomb like the red team's: a ~2 MB .pb.gz that unpacks to 2 GiB of zeros, made
 * without ever holding 2 GiB. Each 1 MiB of zeros deflates, ending in a full flush, to the same
 * bytes (a full flush forgets the history), so the deflate stream is one segment repeated.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

export function zeroBomb(mib = 2048): Buffer {
  const zeros = Buffer.alloc(1 << 20);
  const segment = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(zeros, crc);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((mib * (1 << 20)) % 2 ** 32, 4);
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
  return Buffer.concat([header, ...Array<Buffer>(mib).fill(segment), end, trailer]);
}
