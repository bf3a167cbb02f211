/* See ddsi_peers.h. Written against Cyclone DDS 0.10 (Debian's cyclonedds-dev 0.10.2): the layouts
 * of struct ddsi_domaingv and struct ddsi_proxy_participant, and the rule that a thread touching
 * DDSI entities must be "awake" (so that the garbage collector does not free them meanwhile),
 * are that version's. */
#include "ddsi_peers.h"

#include <string.h>

#include <dds/version.h>
#include <dds/ddsi/ddsi_domaingv.h>
#include <dds/ddsi/ddsi_entity_index.h>
#include <dds/ddsi/ddsi_proxy_participant.h>
#include <dds/ddsi/ddsi_serdata.h>
#include <dds/ddsi/ddsi_sertype.h>
#include <dds/ddsi/ddsi_plist.h>
#include <dds/ddsi/q_bswap.h>
#include <dds/ddsi/q_protocol.h>
#include <dds/ddsi/q_thread.h>

#if DDS_VERSION_MAJOR != 0 || DDS_VERSION_MINOR != 10
#error "ddsi_peers.c uses Cyclone DDS 0.10's internal DDSI interfaces: check them against this version"
#endif

int rclite_take_participant(dds_entity_t reader, unsigned char guid[16], int* alive, void** domain) {
  struct ddsi_serdata* serdata = NULL;
  dds_sample_info_t info;
  const dds_return_t taken = dds_takecdr(reader, &serdata, 1, &info, DDS_ANY_STATE);
  if (taken <= 0) return taken;
  /* The sample as the built-in topic gives it (key and a copy of the QoS, which we drop), and the
   * domain from its sertype: the built-in sertypes are registered with their domain. */
  dds_builtintopic_participant_t sample;
  memset(&sample, 0, sizeof sample);
  const bool converted = ddsi_serdata_to_sample(serdata, &sample, NULL, NULL);
  *domain = ddsrt_atomic_ldvoidp(&serdata->type->gv);
  ddsi_serdata_unref(serdata);
  if (sample.qos != NULL) dds_delete_qos(sample.qos);
  if (!converted || *domain == NULL) return DDS_RETCODE_ERROR;
  memcpy(guid, sample.key.v, 16);
  *alive = info.instance_state == DDS_IST_ALIVE;
  return 1;
}

static ddsi_guid_t guid_from_bytes(const unsigned char bytes[16]) {
  ddsi_guid_t guid;
  memcpy(&guid, bytes, sizeof guid);
  return nn_ntoh_guid(guid);
}

struct locator_collection {
  rclite_udp_locator* out;
  int max;
  int count;
  int other_transport;
};

static int is_multicast(const ddsi_locator_t* locator) {
  if (locator->kind == NN_LOCATOR_KIND_UDPv4) return (locator->address[12] & 0xf0) == 0xe0; /* 224/4 */
  return locator->address[0] == 0xff;                                                       /* ff00::/8 */
}

static void collect(struct locator_collection* collection, const nn_locators_t* locators) {
  for (const struct nn_locators_one* one = locators->first; one != NULL; one = one->next) {
    const ddsi_locator_t* locator = &one->loc;
    if (locator->kind == NN_LOCATOR_KIND_SHEM) continue; /* iceoryx on this host: no socket */
    if (locator->kind != NN_LOCATOR_KIND_UDPv4 && locator->kind != NN_LOCATOR_KIND_UDPv6) {
      collection->other_transport = 1;
      continue;
    }
    if (is_multicast(locator)) continue;
    int seen = 0;
    for (int i = 0; i < collection->count && i < collection->max && !seen; i++) {
      seen = collection->out[i].port == locator->port && memcmp(collection->out[i].address, locator->address, 16) == 0;
    }
    if (seen) continue;
    if (collection->count < collection->max) {
      rclite_udp_locator* entry = &collection->out[collection->count];
      entry->is_v6 = locator->kind == NN_LOCATOR_KIND_UDPv6;
      memcpy(entry->address, locator->address, 16);
      entry->port = locator->port;
    }
    collection->count++;
  }
}

int rclite_proxy_participant_locators(void* domain, const unsigned char guid[16], rclite_udp_locator* out, int max) {
  struct ddsi_domaingv* gv = domain;
  const ddsi_guid_t id = guid_from_bytes(guid);
  struct locator_collection collection = {out, max, 0, 0};
  struct thread_state* const thread = lookup_thread_state();
  thread_state_awake(thread, gv);
  struct ddsi_proxy_participant* proxy = entidx_lookup_proxy_participant_guid(gv->entity_index, &id);
  if (proxy != NULL) {
    /* What the participant announced (SPDP), not the address sets Cyclone derived from it, which
     * keep only what this process can reach: a peer is on this host if all of its addresses are.
     * The locators are set when the proxy is created; its lock guards the plist. */
    ddsrt_mutex_lock(&proxy->e.lock);
    const ddsi_plist_t* plist = proxy->plist;
    if (plist->present & PP_METATRAFFIC_UNICAST_LOCATOR) collect(&collection, &plist->metatraffic_unicast_locators);
    if (plist->present & PP_DEFAULT_UNICAST_LOCATOR) collect(&collection, &plist->default_unicast_locators);
    ddsrt_mutex_unlock(&proxy->e.lock);
  }
  thread_state_asleep(thread);
  if (proxy == NULL) return RCLITE_PEER_UNKNOWN;
  if (collection.other_transport) return RCLITE_PEER_NOT_UDP;
  return collection.count;
}

int rclite_delete_proxy_participant(void* domain, const unsigned char guid[16]) {
  struct ddsi_domaingv* gv = domain;
  const ddsi_guid_t id = guid_from_bytes(guid);
  struct thread_state* const thread = lookup_thread_state();
  thread_state_awake(thread, gv);
  /* isimplicit = 1: as the lease expiry (q_lease.c) does, rather than as an explicit "deleted" message. */
  const int rc = ddsi_delete_proxy_participant_by_guid(gv, &id, ddsrt_time_wallclock(), 1);
  thread_state_asleep(thread);
  return rc == 0 ? 1 : 0;
}
