import { NETWORK_HARDWARE, type RadarSite } from '@weatherlearn/superdarn/geometry';

// The SuperDARN geometry (sites, geolocation) lives in @weatherlearn/superdarn/geometry; the plots
// use it from there and re-export it under the names viz has always had.
export {
  EARTH_RADIUS_KM, DEFAULT_GEOLOCATION, destination, groundAngle, geolocateGate, gateRange, gateCell,
  type RadarSite, type GeolocationOptions,
} from '@weatherlearn/superdarn/geometry';

/**
 * Sites of every radar in the network table by station id (the latest hardware epoch), for titles
 * and default fan sites. Pass `hardware` to the plots for other tables.
 */
export const KNOWN_RADAR_SITES: Readonly<Record<number, RadarSite>> = Object.fromEntries(
  NETWORK_HARDWARE.map((h) => [h.stid, { lat: h.lat, lon: h.lon, code: h.code }]),
);
