# A stand-in for a credential_process program, run by credentials_test.cpp as
#   /bin/sh credential_process.sh MODE [ARGS...]
# (through /bin/sh so that the file needs no execute bit). The secrets it prints are fake and
# distinctive, so the test can check that no error message repeats them.
mode="$1"
shift
case "$mode" in
  ok)  # ok KEY_ID EXPIRATION: Version 1 with a session token and an expiration.
    printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "PROCESS-SECRET-OK",' "$1"
    printf ' "SessionToken": "PROCESS-TOKEN-OK", "Expiration": "%s"}\n' "$2"
    ;;
  args)  # args A B: shows how the command line was split, in SecretAccessKey.
    printf '{"Version": 1, "AccessKeyId": "AKIDARGS%s", "SecretAccessKey": "%s|%s"}\n' "$#" "$1" "$2"
    ;;
  count)  # count FILE EXPIRATION: one line appended to FILE per run.
    echo run >> "$1"
    printf '{"Version": 1, "AccessKeyId": "AKIDCOUNT", "SecretAccessKey": "PROCESS-SECRET-COUNT",'
    printf ' "Expiration": "%s"}\n' "$2"
    ;;
  noisy)  # A warning on stderr around valid JSON (RunProcess mixes stdout and stderr).
    echo "warning: cached token is old" >&2
    printf '{"Version": 1, "AccessKeyId": "AKIDNOISY", "SecretAccessKey": "PROCESS-SECRET-NOISY"}\n'
    ;;
  fail)  # Prints credentials, then fails.
    printf '{"Version": 1, "AccessKeyId": "AKIDFAIL", "SecretAccessKey": "PROCESS-SECRET-FAIL"}\n'
    echo "error: the SSO token PROCESS-SECRET-STDERR expired" >&2
    exit 3
    ;;
  badjson)
    echo 'AccessKeyId=AKIDBAD SecretAccessKey=PROCESS-SECRET-BADJSON'
    ;;
  version2)
    printf '{"Version": 2, "AccessKeyId": "AKIDV2", "SecretAccessKey": "PROCESS-SECRET-V2"}\n'
    ;;
  nosecret)
    printf '{"Version": 1, "AccessKeyId": "AKIDNOSECRET", "SessionToken": "PROCESS-TOKEN-NOSECRET"}\n'
    ;;
  *)
    echo "unknown mode $mode" >&2
    exit 2
    ;;
esac
