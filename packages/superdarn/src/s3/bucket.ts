// Port of st7ma784/WeatherLearn/PTL/DataModule.py:DatasetFromMinioBucket
import type { S3Client } from '@aws-sdk/client-s3';
import { SeriesDataset, type SeriesDatasetOptions } from '../dataset/series.js';
import { makeS3Client, parseS3Url, type S3ConnectionOptions } from './client.js';
import { S3FileStore } from './store.js';

/** Where the bucket is and how to reach it (options passed in; nothing read from the environment). */
export interface BucketSource {
  /** `s3://bucket/prefix`. */
  url: string;
  /** Endpoint, region, keys, path style. */
  s3?: Partial<S3ConnectionOptions>;
  /** A ready client instead of `s3`. */
  client?: S3Client;
}

/**
 * SuperDARN samples read straight from an S3/MinIO/radosgw bucket (the original's
 * DatasetFromMinioBucket): objects under the prefix with SuperDARN names are listed (past
 * 1000-key pages), fetched whole on first use and kept in a small LRU of parsed files.
 */
export class DatasetFromBucket extends SeriesDataset {
  /** Lists and indexes the objects and returns the dataset. */
  static async open(source: BucketSource, options: Partial<SeriesDatasetOptions> = {}): Promise<DatasetFromBucket> {
    const { bucket, prefix } = parseS3Url(source.url);
    const ds = new DatasetFromBucket(new S3FileStore(source.client ?? makeS3Client(source.s3), bucket, prefix), options);
    await ds.index();
    return ds;
  }
}
