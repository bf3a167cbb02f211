/* The few things the peer death watch (peer_death_watch.cpp) needs from Cyclone DDS 0.10's DDSI
 * internals, behind a C interface: those headers (dds/ddsi/...) are C only (C++ rejects them), and
 * they are not a stable API, so this file and ddsi_peers.c are the only ones that touch them.
 * No Cyclone internal type crosses this interface: a domain is an opaque pointer, a GUID 16 bytes
 * in the order of dds_guid_t (network order, as on the built-in topics). */
#ifndef RCLITE_DDS_DDSI_PEERS_H
#define RCLITE_DDS_DDSI_PEERS_H

#include <dds/dds.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A unicast UDP locator: IPv4 addresses in the last 4 bytes of `address`, network order. */
typedef struct rclite_udp_locator {
  int is_v6;
  unsigned char address[16];
  uint32_t port;
} rclite_udp_locator;

/* Takes one sample from `reader`, a reader of DDS_BUILTIN_TOPIC_DCPSPARTICIPANT: the participant's
 * GUID, whether it is alive (else it was deleted, or lost), and its DDSI domain (the same for every
 * sample of a reader). Returns 1 when a sample was taken, 0 when there is none, a DDS_RETCODE_...
 * below 0 on error. */
int rclite_take_participant(dds_entity_t reader, unsigned char guid[16], int* alive, void** domain);

/* What rclite_proxy_participant_locators found besides a count. */
enum {
  RCLITE_PEER_UNKNOWN = -1, /* no proxy participant with that GUID: one of ours, or deleted */
  RCLITE_PEER_NOT_UDP = -2  /* it has unicast locators of another transport (TCP, raw Ethernet) */
};

/* The unicast UDP locators (discovery and data) the proxy participant `guid` announced: their
 * count (the first `max` of them stored in `out`), or one of the codes above. Multicast and
 * shared-memory locators are left out. */
int rclite_proxy_participant_locators(void* domain, const unsigned char guid[16], rclite_udp_locator* out, int max);

/* Deletes the proxy participant `guid` exactly as the expiry of its lease does: its proxy readers
 * and writers are unmatched (local match listeners run), the built-in topics report it gone, and
 * its GUID is remembered for a while so that a late announcement does not bring it back.
 * Returns 1 if it was deleted, 0 if there was none. */
int rclite_delete_proxy_participant(void* domain, const unsigned char guid[16]);

#ifdef __cplusplus
}
#endif

#endif
