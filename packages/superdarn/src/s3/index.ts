/**
 * @weatherlearn/superdarn/s3 — everything that needs the AWS SDK, kept off the main entry so
 * `import '@weatherlearn/superdarn'` does not load it: an S3 client for AWS/MinIO/radosgw, listing,
 * ranged reads, uploads (multipart through `@aws-sdk/lib-storage`), bucket mirroring and the
 * dataset that reads SuperDARN files straight from a bucket.
 */
export { DEFAULT_S3_CONNECTION, getObjectBytes, listAllObjects, listObjects, makeS3Client, parseS3Url, type S3ConnectionOptions, type S3ObjectInfo } from './client.js';
export { DEFAULT_PUT_OPTIONS, putObjectBytes, uploadFile, type PutOptions } from './upload.js';
export { DEFAULT_MIRROR_OPTIONS, MIRROR_MANIFEST, mirrorBucket, type MirrorOptions, type MirrorProgress, type MirrorResult } from './mirror.js';
export { S3FileStore } from './store.js';
export { DatasetFromBucket, type BucketSource } from './bucket.js';
