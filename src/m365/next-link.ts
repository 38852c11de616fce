// Paging links come from the service: follow one only to the origin the bot was configured with, so
// a bearer token is never sent anywhere else whatever a response says.
import { ServiceError, serviceLabel, type ServiceName } from './service-error';

export function nextLinkOnOrigin(service: ServiceName, link: string, base: string, origin: string): string {
  const url = new URL(link, base);
  if (url.origin !== origin) {
    throw new ServiceError({
      service,
      status: 0,
      code: 'ForeignNextLink',
      serviceMessage: `${serviceLabel(service)} pointed the next page at ${url.origin}; the bot sends its token only to ${origin}`,
    });
  }
  return url.toString();
}
