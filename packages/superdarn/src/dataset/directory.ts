// Port of st7ma784/WeatherLearn/PTL/DataModule.py:SuperDARNDatasetFolder
import { SeriesDataset, type SeriesDatasetOptions } from './series.js';
import { LocalFileStore } from './store.js';

/**
 * SuperDARN samples from a local folder (recursive) or a list of files: GRID/MAP files for
 * vector channels, FITACF files for FITACF channels. See {@link SeriesDataset}.
 */
export class DatasetFromDirectory extends SeriesDataset {
  /** Indexes the files and returns the dataset. */
  static async open(source: string | string[], options: Partial<SeriesDatasetOptions> = {}): Promise<DatasetFromDirectory> {
    const ds = new DatasetFromDirectory(new LocalFileStore(source), options);
    await ds.index();
    return ds;
  }
}
