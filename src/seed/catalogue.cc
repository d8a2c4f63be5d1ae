// Word lists of the replica.
#include "seed/catalogue.h"

namespace juo::seed {

const std::vector<SectorProfile>& SectorProfiles() {
    static const std::vector<SectorProfile> kProfiles = {
        {"30",
         30,
         {"30.30Z", "30.20Z", "30.11Z"},
         {"Aérostructures", "Ateliers ferroviaires", "Chantiers navals", "Hélices et nacelles"},
         2.2},
        {"29",
         24,
         {"29.10Z", "29.32Z", "29.20Z"},
         {"Équipements automobiles", "Carrosseries", "Usine de moteurs"},
         1.8},
        {"25",
         18,
         {"25.62B", "25.11Z", "25.50B"},
         {"Mécanique de précision", "Forges", "Chaudronnerie", "Décolletage"},
         1.0},
        {"28",
         16,
         {"28.41Z", "28.29B", "28.22Z"},
         {"Machines spéciales", "Robotique industrielle", "Machines-outils"},
         1.2},
        {"10",
         14,
         {"10.51C", "10.82Z", "10.11Z", "10.72Z"},
         {"Laiterie", "Chocolaterie", "Biscuiterie", "Conserverie"},
         1.6},
        {"20", 12, {"20.59Z", "20.11Z", "20.16Z"}, {"Chimie fine", "Peintures et vernis", "Mécachimie"}, 1.0},
        {"22",
         10,
         {"22.29A", "22.21Z", "22.11Z"},
         {"Plasturgie", "Caoutchouc technique", "Emballages plastiques"},
         0.8},
        {"24", 8, {"24.10Z", "24.42Z", "24.51Z"}, {"Aciérie", "Fonderie", "Laminoirs"}, 1.1},
        {"27", 8, {"27.11Z", "27.20Z", "27.32Z"}, {"Moteurs électriques", "Batteries", "Câblerie"}, 1.0},
        {"26", 7, {"26.11Z", "26.51B", "26.30Z"}, {"Électronique", "Microélectronique", "Capteurs"}, 1.3},
        {"16", 6, {"16.10A", "16.23Z", "16.24Z"}, {"Scierie", "Menuiserie industrielle", "Charpentes"}, 0.7},
        {"17", 5, {"17.12Z", "17.21A", "17.22Z"}, {"Papeterie", "Cartonnerie"}, 0.6},
        {"23", 5, {"23.13Z", "23.51Z", "23.32Z"}, {"Verrerie", "Cimenterie", "Tuilerie"}, 0.8},
        {"11", 5, {"11.02B", "11.05Z", "11.07A"}, {"Brasserie", "Distillerie", "Eaux minérales"}, 1.2},
        {"33",
         5,
         {"33.16Z", "33.20C", "33.12Z"},
         {"Maintenance aéronautique", "Installation industrielle"},
         0.9},
        {"35", 5, {"35.11Z", "35.30Z"}, {"Centrale électrique", "Réseau de chaleur"}, 1.4},
        {"38", 5, {"38.32Z", "38.21Z"}, {"Centre de recyclage", "Valorisation des déchets"}, 0.7},
        {"13", 4, {"13.92Z", "13.20Z", "13.96Z"}, {"Tissage", "Textiles techniques"}, 0.9},
        {"31", 3, {"31.09B", "31.01Z"}, {"Ameublement", "Sièges"}, 0.6},
        {"21", 0.9, {"21.20Z", "21.10Z"}, {"Laboratoires pharmaceutiques", "Production de vaccins"}, 1.5},
    };
    return kProfiles;
}

const std::vector<std::string_view> kStreetNames = {"rue de l'Industrie",
                                                    "avenue des Forges",
                                                    "zone industrielle des Prés",
                                                    "rue Gustave Eiffel",
                                                    "boulevard de l'Europe",
                                                    "rue des Ateliers",
                                                    "parc d'activités du Moulin",
                                                    "route de la Gare",
                                                    "rue Denis Papin",
                                                    "avenue Marcel Dassault",
                                                    "chemin des Usines",
                                                    "rue Louis Blériot",
                                                    "zone d'activités des Sables",
                                                    "rue de la Fonderie",
                                                    "allée des Artisans",
                                                    "rue Marie Curie"};

const std::vector<std::string_view> kSafetyRules = {
    "Chaussures fermées obligatoires ; les équipements de protection sont fournis à l'accueil.",
    "Lunettes et casques fournis. Photos interdites dans les ateliers.",
    "Pantalon long et chaussures fermées. Suivre le guide sans s'écarter du parcours balisé.",
    "Bouchons d'oreilles fournis : certaines machines sont bruyantes.",
    "Cheveux longs attachés, pas de bijoux pendants près des machines.",
    "Charlotte et blouse fournies : hygiène alimentaire stricte dans les zones de production."};

const std::vector<AccessibilityNote> kAccessibilityNotes = {
    {"Parcours accessible en fauteuil roulant, ascenseur vers la mezzanine."},
    {"Une partie de la visite se fait par escaliers ; un parcours adapté est proposé."},
    {"Boucle magnétique à l'accueil ; visite commentée avec supports écrits.", true},
    {"Parking réservé près de l'entrée ; toilettes adaptées."}};

const std::vector<std::string_view> kDescriptions = {
    "Découvrez comment nos équipes conçoivent et fabriquent au quotidien : {stem}, des machines, des métiers "
    "et des femmes et des hommes passionnés.",
    "De la matière première au produit fini : suivez la chaîne de production de notre site ({stem}) et "
    "rencontrez nos techniciens, opérateurs et ingénieurs.",
    "Une usine qui se modernise : robots, économies d'énergie et nouveaux métiers. {stem} — venez voir "
    "l'industrie d'aujourd'hui.",
    "Visite guidée de nos ateliers ({stem}), démonstrations et échanges avec nos apprentis sur les "
    "formations qui mènent à nos métiers."};

const std::vector<std::string_view> kSchoolNamePatrons = {
    "Jules Ferry",   "Marie Curie",           "Jean Moulin",      "Victor Hugo",
    "Louise Michel", "Pierre et Marie Curie", "Jean Jaurès",      "Simone Veil",
    "Paul Langevin", "Gustave Eiffel",        "Condorcet",        "Jacques Prévert",
    "Jean Monnet",   "Albert Camus",          "Léonard de Vinci", "Sophie Germain",
    "Denis Diderot", "Louis Pasteur"};

const std::vector<std::string_view> kPupilWords = {
    "C'était super intéressant, j'ai vu des robots travailler.",
    "Je ne savais pas qu'il y avait autant de métiers dans une usine.",
    "Les machines sont impressionnantes et les gens sont passionnés.",
    "J'ai bien aimé parler avec les apprentis.",
    "Je pensais que l'usine serait sale et bruyante, c'est très moderne.",
    "Ça m'a donné des idées pour mon stage de 3e.",
    "On a vu comment on fabrique des pièces du début à la fin."};

const std::vector<std::string_view> kSeedQuotes = {
    "J'ai découvert des pièces de centrale nucléaire", "J'ai appris des choses",
    "Ça me donne envie d'apprendre d'avantage sur l'industrie", "J'aimerais bien y travailler"};

const std::vector<std::string_view> kHostComments = {
    "Très belle journée, les élèves étaient curieux et nos équipes fières de montrer leur travail.",
    "Organisation simple, nous recommencerons l'an prochain.",
    "Il faudrait plus de temps pour préparer les créneaux du vendredi.",
    "Le financement des bus a permis de recevoir des classes éloignées.",
    "Nous avons reçu des candidatures de stage dès la semaine suivante."};

const std::vector<std::string_view> kSocialNetworks = {"LinkedIn", "Instagram", "Facebook", "X"};

}  // namespace juo::seed
