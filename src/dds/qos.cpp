#include "qos.hpp"

namespace rclite::dds {

QosPtr make_qos(const EndpointQos& settings) {
  QosPtr qos(dds_create_qos());
  dds_qset_writer_data_lifecycle(qos.get(), false);
  if (settings.keep_all) dds_qset_history(qos.get(), DDS_HISTORY_KEEP_ALL, DDS_LENGTH_UNLIMITED);
  else dds_qset_history(qos.get(), DDS_HISTORY_KEEP_LAST, settings.depth);
  if (settings.reliable) dds_qset_reliability(qos.get(), DDS_RELIABILITY_RELIABLE, DDS_INFINITY);
  else dds_qset_reliability(qos.get(), DDS_RELIABILITY_BEST_EFFORT, 0);
  if (settings.transient_local) {
    dds_qset_durability(qos.get(), DDS_DURABILITY_TRANSIENT_LOCAL);
    dds_qset_durability_service(qos.get(), 0, settings.keep_all ? DDS_HISTORY_KEEP_ALL : DDS_HISTORY_KEEP_LAST,
                                settings.keep_all ? DDS_LENGTH_UNLIMITED : settings.depth, DDS_LENGTH_UNLIMITED,
                                DDS_LENGTH_UNLIMITED, DDS_LENGTH_UNLIMITED);
  } else {
    dds_qset_durability(qos.get(), DDS_DURABILITY_VOLATILE);
  }
  dds_qset_liveliness(qos.get(), DDS_LIVELINESS_AUTOMATIC, DDS_INFINITY);
  if (settings.lifespan) dds_qset_lifespan(qos.get(), *settings.lifespan);
  if (settings.deadline) dds_qset_deadline(qos.get(), *settings.deadline);
  if (settings.ignore_local) dds_qset_ignorelocal(qos.get(), DDS_IGNORELOCAL_PARTICIPANT);
  if (!settings.user_data.empty()) {
    dds_qset_userdata(qos.get(), settings.user_data.data(), settings.user_data.size());
  }
  return qos;
}

}  // namespace rclite::dds
