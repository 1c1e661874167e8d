# bash completion for newsidx(1): commands, options, option values, and file
# paths where a command takes them. Works with or without the bash-completion
# package (whose _filedir is used when it is loaded).
#
# Installed as share/bash-completion/completions/newsidx; to try it from a
# checkout: source completions/newsidx.bash

_newsidx_files() {
  # $1: "-d" for folders only, "" for files and folders.
  if declare -F _filedir >/dev/null 2>&1; then
    _filedir $1
    return
  fi
  compopt -o filenames 2>/dev/null
  local IFS=$'\n'
  if [[ $1 == -d ]]; then
    COMPREPLY=($(compgen -d -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}

_newsidx() {
  local cur prev cword=$COMP_CWORD
  local -a words=("${COMP_WORDS[@]}")
  cur=${words[cword]}
  prev=""
  ((cword > 0)) && prev=${words[cword - 1]}
  # "--sort=ne": bash cuts words at "=" (COMP_WORDBREAKS), giving "--sort"
  # "=" "ne"; complete the value after the "=".
  if [[ $cur == = ]]; then
    cur=""
  elif [[ $prev == = ]] && ((cword > 1)); then
    prev=${words[cword - 2]}
  fi
  COMPREPLY=()

  local commands="ingest search show similar export stats forget parse analyze help"
  local global="--db --color --no-pager --help -h --version"

  # The command: the first word that is neither an option nor an option's value.
  local cmd="" i w
  for ((i = 1; i < cword; i++)); do
    w=${words[i]}
    case $w in
      --db | --color)
        [[ ${words[i + 1]} == = ]] && ((i++))
        ((i++))
        ;;
      -*) ;;
      *)
        cmd=$w
        break
        ;;
    esac
  done

  # Option values.
  case $prev in
    --db)
      _newsidx_files ""
      return 0
      ;;
    --color)
      COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
      return 0
      ;;
    --sort)
      [[ $cmd == search ]] && COMPREPLY=($(compgen -W "relevance newest oldest" -- "$cur"))
      return 0
      ;;
    --by)
      [[ $cmd == stats ]] && COMPREPLY=($(compgen -W "year month" -- "$cur"))
      return 0
      ;;
    --format)
      case $cmd in
        export) COMPREPLY=($(compgen -W "jsonl opensearch" -- "$cur")) ;;
        search) COMPREPLY=($(compgen -W "text oneline ids paths kwic json" -- "$cur")) ;;
      esac
      return 0
      ;;
    --ext)
      [[ $cmd == ingest ]] && COMPREPLY=($(compgen -W "txt" -- "$cur"))
      return 0
      ;;
    --metadata)
      [[ $cmd == ingest ]] && _newsidx_files ""
      return 0
      ;;
    -j | --jobs | --max-size | --from | --to | --date | -n | --limit | --offset | --index | --query)
      # A number, size, date, name or query: nothing to offer.
      return 0
      ;;
  esac

  local options
  case $cmd in
    "") options="$global" ;;
    ingest) options="$global --jobs -j --ext --max-size --prune --force --follow --metadata --quiet -q --json" ;;
    search) options="$global --from --to --date --sort --limit -n --offset --all --count -c --format --json --no-collapse" ;;
    show) options="$global --json --raw --query" ;;
    similar) options="$global --json" ;;
    export) options="$global --from --to --date --format --index --limit -n --offset" ;;
    stats) options="$global --from --to --date --by --json" ;;
    forget) options="$global --json --quiet -q" ;;
    parse) options="$global --json --max-size" ;;
    analyze) options="$global --json" ;;
    help) COMPREPLY=($(compgen -W "${commands% help}" -- "$cur")); return 0 ;;
    *) return 0 ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
    return 0
  fi

  case $cmd in
    "") COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
    ingest | parse | show | similar | forget) _newsidx_files "" ;;
    *) ;;  # query words or text: nothing to offer
  esac
  return 0
}

complete -F _newsidx newsidx
