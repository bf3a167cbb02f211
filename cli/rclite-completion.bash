# Bash completion for rclite (source it, or install as bash-completion/completions/rclite).
# Completes verbs and flags, service names (`rclite service list`), topic names (`rclite topic list`),
# node names (`rclite node list`), parameter names (`rclite param list NODE`) and interface types
# (`rclite interface list`); keystore
# directories and enclave names for `security`.
_rclite_interfaces() {
  rclite interface list "$@" 2>/dev/null | sed -n 's/^    //p'
}

_rclite() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local group=${COMP_WORDS[1]} verb=${COMP_WORDS[2]}
  local positional=0 i
  for ((i = 3; i < COMP_CWORD; i++)); do
    [[ ${COMP_WORDS[i]} != -* ]] && positional=$((positional + 1))
  done
  if ((COMP_CWORD == 1)); then
    COMPREPLY=($(compgen -W "service node topic action interface param security --help" -- "$cur"))
    return
  fi
  if ((COMP_CWORD == 2)); then
    case $group in
      service) COMPREPLY=($(compgen -W "list type find info call echo" -- "$cur")) ;;
      node) COMPREPLY=($(compgen -W "list info" -- "$cur")) ;;
      topic) COMPREPLY=($(compgen -W "list echo pub hz info type find" -- "$cur")) ;;
      action) COMPREPLY=($(compgen -W "list info type send_goal" -- "$cur")) ;;
      interface) COMPREPLY=($(compgen -W "show list package packages" -- "$cur")) ;;
      param) COMPREPLY=($(compgen -W "list get set describe dump" -- "$cur")) ;;
      security)
        COMPREPLY=($(compgen -W "create_keystore create_enclave create_permission generate_artifacts list_enclaves" \
          -- "$cur")) ;;
    esac
    return
  fi
  if [[ $cur == -* ]]; then
    local flags="--help" qos="--qos-profile --qos-depth --qos-history --qos-reliability --qos-durability"
    case "$group $verb" in
      "service list") flags+=" -t --show-types -c --count-services --include-hidden-services" ;;
      "service find") flags+=" -c --count-services --include-hidden-services" ;;
      "service call") flags+=" -r --rate --timeout" ;;
      "service echo") flags+=" -f --full-length -l --truncate-length --no-arr --no-str --flow-style" ;;
      "node list") flags+=" -a --all -c --count-nodes" ;;
      "node info") flags+=" --include-hidden" ;;
      "topic list") flags+=" -t --show-types -c --count-topics --include-hidden-topics" ;;
      "topic echo") flags+=" $qos --once --timeout --field -f --full-length -l --truncate-length --no-arr --no-str
        --flow-style --no-lost-messages --csv" ;;
      "topic pub") flags+=" $qos --stdin -r --rate -p --print -1 --once -t --times -w --wait-matching-subscriptions
        --max-wait-time-secs --keep-alive -n --node-name" ;;
      "topic hz") flags+=" -w --window --wall-time" ;;
      "topic info") flags+=" -v --verbose" ;;
      "topic type") flags+=" --include-hidden-topics" ;;
      "topic find") flags+=" -c --count-topics --include-hidden-topics" ;;
      "action list") flags+=" -t --show-types -c --count-actions" ;;
      "action info") flags+=" -t --show-types -c --count" ;;
      "action send_goal") flags+=" -f --feedback" ;;
      "interface show") flags+=" --all-comments --no-comments" ;;
      "interface list" | "interface packages") flags+=" -m --only-msgs -s --only-srvs -a --only-actions" ;;
      "param list" | "param describe") flags+=" --include-hidden-nodes --timeout" ;;
      "param get") flags+=" --hide-type --include-hidden-nodes --timeout" ;;
      "param set") flags+=" --include-hidden-nodes --timeout" ;;
      "param dump") flags+=" -a --all --include-hidden-nodes --timeout" ;;
      "security generate_artifacts") flags+=" -k --keystore-root-path -e --enclaves -p --policy-files" ;;
    esac
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    return
  fi
  local words=""
  case "$group $verb $positional" in
    "service type 0" | "service info 0" | "service call 0" | "service echo 0")
      words=$(rclite service list 2>/dev/null) ;;
    "service call 1" | "service echo 1")
      local service=${COMP_WORDS[3]}
      words=$(rclite service type "$service" 2>/dev/null) || words=$(_rclite_interfaces -s) ;;
    "service find 0") words=$(_rclite_interfaces -s) ;;
    "topic echo 0" | "topic pub 0" | "topic hz 0" | "topic info 0" | "topic type 0")
      words=$(rclite topic list 2>/dev/null) ;;
    "topic echo 1" | "topic pub 1")
      words=$(rclite topic type "${COMP_WORDS[3]}" 2>/dev/null) || words=$(_rclite_interfaces -m) ;;
    "topic find 0") words=$(_rclite_interfaces -m) ;;
    "node info 0") words=$(rclite node list 2>/dev/null) ;;
    "interface show 0") words=$(_rclite_interfaces) ;;
    "interface package 0") words=$(rclite interface packages 2>/dev/null) ;;
    "param list 0" | "param get 0" | "param set 0" | "param describe 0" | "param dump 0")
      words=$(rclite node list 2>/dev/null) ;;
    "param get 1" | "param set 1" | param\ describe\ [1-9]*)
      words=$(rclite param list "${COMP_WORDS[3]}" 2>/dev/null | sed -n 's/^  //p') ;;
    security\ *\ 0) COMPREPLY=($(compgen -d -- "$cur")); return ;;  # the keystore
    "security create_permission 1") words=$(rclite security list_enclaves "${COMP_WORDS[3]}" 2>/dev/null) ;;
    "security create_permission 2") COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F _rclite rclite
