/** One entry point for both netCDF flavours: sniffs the magic bytes and opens the right reader. */
import { open } from 'node:fs/promises';
import { openCdf3 } from './cdf3/file.js';
import { openNc4 } from './hdf5/file.js';
import { NetcdfError, type NetcdfFile, type NetcdfFormat } from './types.js';

const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Detects the format from the first bytes: `CDF\x01|\x02|\x05` for netCDF-3, the HDF5 signature
 * (at offset 0, 512, 1024, … as HDF5 allows a user block) for netCDF-4. Undefined otherwise.
 */
export async function sniffNetcdf(path: string): Promise<NetcdfFormat | undefined> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw new NetcdfError(path, `cannot open: ${(err as Error).message}`);
  }
  try {
    const head = new Uint8Array(8);
    const { bytesRead } = await fh.read(head, 0, 8, 0);
    if (bytesRead >= 4 && head[0] === 0x43 && head[1] === 0x44 && head[2] === 0x46) {
      if (head[3] === 1) return 'netcdf3-classic';
      if (head[3] === 2) return 'netcdf3-64bit-offset';
      if (head[3] === 5) return 'netcdf3-64bit-data';
    }
    const size = (await fh.stat()).size;
    for (let off = 0; off + 8 <= size && off <= 1 << 20; off = off === 0 ? 512 : off * 2) {
      const { bytesRead: n } = await fh.read(head, 0, 8, off);
      if (n === 8 && HDF5_MAGIC.every((b, i) => head[i] === b)) return 'netcdf4';
    }
    return undefined;
  } finally {
    await fh.close();
  }
}

/**
 * Opens a netCDF file of any supported flavour (netCDF-3 classic, 64-bit offset, 64-bit data,
 * netCDF-4/HDF5). Throws a {@link NetcdfError} naming the file for anything else.
 */
export async function openNetcdf(path: string): Promise<NetcdfFile> {
  const format = await sniffNetcdf(path);
  if (format === undefined) throw new NetcdfError(path, 'not a netCDF file (no CDF or HDF5 signature)');
  return format === 'netcdf4' ? openNc4(path) : openCdf3(path);
}
