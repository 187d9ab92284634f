/**
 * @weatherlearn/superdarn/geometry — the one SuperDARN geometry every package uses: the network's
 * radar hardware (both hemispheres, every epoch), `--hardware` table files, range-gate
 * geolocation, and AACGM-v2 magnetic coordinates (IGRF-12 field-line tracing). Side-effect free and without the S3/dataset dependencies of the package index.
 */
// Radar hardware of the network and `--hardware` table files.
export { radarHardware, beamAzimuth, hemisphereOf, NETWORK_HARDWARE, RADAR_HARDWARE } from './hardware.js';
export type { RadarHardware, Hemisphere } from './hardware.js';
export { parseHardwareTable, readHardwareFiles } from './hdw-file.js';

// Range-gate geolocation.
export {
  slantRangeKm, gateRange, destination, groundAngle, geolocateGate, gateGroundPoint, gateCell,
  EARTH_RADIUS_KM, DEFAULT_GEOLOCATE_OPTIONS, DEFAULT_GEOLOCATION,
} from './geolocate.js';
export type { RadarSite, GeolocateOptions, GeolocationOptions } from './geolocate.js';

// MAP potential models, potential grids and drift.
export { mapPotentialModel, legendreTable, shiftCoordinates, evalMapPotential } from './potential.js';
export type { MapPotentialModel } from './potential.js';
export { potentialGrid, crossPolarCapPotential, dipoleField, mapDrift } from './potential-grid.js';
export type { PotentialGrid, Drift } from './potential-grid.js';

// AACGM-v2 magnetic coordinates: IGRF field synthesis, field-line tracing, cached gate geolocation, MLT.
export { IGRF_RADIUS_KM, decimalYear, igrfModel, igrfField } from './igrf.js';
export type { IgrfModel } from './igrf.js';
export { IGRF_MODEL, IGRF_VALID_TO, IGRF_FIRST_EPOCH } from './igrf-coeffs.js';
export {
  geodeticToCartesian, dipoleFrame, geoToAacgm, geoToAacgmAt, DEFAULT_AACGM_OPTIONS,
} from './aacgm.js';
export type { AacgmPoint, AacgmOptions } from './aacgm.js';
export { AacgmGeolocator, DEFAULT_AACGM_GEOLOCATOR } from './aacgm-geolocator.js';
export type { AacgmGeolocatorOptions } from './aacgm-geolocator.js';
export { solarPosition, subsolarPoint, aacgmMlt } from './mlt.js';
